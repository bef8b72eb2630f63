package assets

import (
	"embed"
	"io/fs"
)

// The industry classification ships inside the binary so that screening
// works offline on a fresh install; SOURCE.md beside the CSV says where the
// rows come from and what they cover.
//
//go:embed industry/*
var industryFiles embed.FS

// IndustryTablePath is the path, inside Industry(), of the GB/T 4754-2017
// (with amendment No. 1) classification table in CSV form.
const IndustryTablePath = "industry/gbt4754-2017.csv"

// IndustryEnglishPath is the path, inside Industry(), of the English
// names of the 门类 and 大类 (translations, see SOURCE.md).
const IndustryEnglishPath = "industry/names-en.csv"

// Industry returns the embedded industry-classification files: the CSV
// table named by IndustryTablePath and its SOURCE.md. The file system is
// read-only.
func Industry() fs.FS { return industryFiles }
