// Package rulepack holds the versioned reference data that screening runs
// on (规则包): the dated list of mountain counties, the zones with their
// leading industries, chain roles and carriers, the pairings, the industrial
// chains, the eco rules (EIA catalogue rows, 两高, VOC key sectors, per-zone
// thresholds) and the land-efficiency tables.
//
// Every item carries its source and an evidence grade, because most of the
// numbers are set per zone and per year and some are only examples until a
// zone enters its own. A pack is loaded from the embedded assets (Load), or
// from a newer file an administrator imports (Parse, LoadFile); loading
// validates it and builds the lookup indexes screening needs, so the checks
// themselves do no map building or parsing.
package rulepack
