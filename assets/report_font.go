package assets

import _ "embed"

// The report fonts are TrueType (glyf) conversions of the bundled font,
// subset to GB 2312, made by scripts/report-font.sh (SIL OFL 1.1, see
// fonts/report/OFL.txt): the PDF library reads TrueType outlines only.
var (
	//go:embed fonts/report/NotoSansSC-Report-Regular.ttf
	reportRegular []byte
	//go:embed fonts/report/NotoSansSC-Report-Bold.ttf
	reportBold []byte
)

// ReportFontRegular returns the regular TrueType font PDF reports embed.
// The slice is shared: callers must not modify it.
func ReportFontRegular() []byte { return reportRegular }

// ReportFontBold returns the bold TrueType font PDF reports embed. The
// slice is shared: callers must not modify it.
func ReportFontBold() []byte { return reportBold }
