// Package report writes the PDF reports staff hand in — 筛查报告 (one
// candidate against the zones it was screened for), 出差走访报告 (a trip:
// enterprises visited, outcomes, requirements, referrals, next steps) and
// 一周一报 (a week's new leads, visits, stage changes and referrals) — on
// A4 with the Chinese font embedded, so that they print and open the same
// on any machine.
package report
