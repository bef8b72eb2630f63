package assets

import "embed"

// RulePack holds the shipped rule pack (规则包): one JSON file per part
// (pack.json, counties.json, zones.json, …) under rulepack/. Package
// rulepack loads and validates it.
//
//go:embed rulepack/*
var RulePack embed.FS
