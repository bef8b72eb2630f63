// Package industry provides the national industry classification
// GB/T 4754-2017 《国民经济行业分类》 with amendment No. 1 (2019) as an
// immutable lookup table: the 门类 (section, A–T), 大类 (division, 2 digits),
// 中类 (group, 3 digits) and 小类 (class, 4 digits) an enterprise or project
// is filed under, their names and their hierarchy.
//
// The table ships embedded (see assets/industry/SOURCE.md for its source and
// coverage: all sections and divisions, every group and class of
// manufacturing and a few service divisions). An administrator can load a
// newer or fuller file of the same CSV format with Parse.
//
// Codes outside the shipped rows still resolve to their section and can be
// compared with Within, because the standard's codes are hierarchical by
// construction.
package industry
