package assets

import _ "embed"

// The fonts are subsets of Noto Sans CJK SC made by scripts/subset-font.sh
// (SIL OFL 1.1, see fonts/OFL.txt). Fyne's own font has no Han glyphs, and
// the system fallback is unreliable (missing fonts, Japanese glyph forms,
// lost bold), so the app always draws Chinese with these.
var (
	//go:embed fonts/NotoSansCJKsc-Regular.subset.otf
	fontRegular []byte
	//go:embed fonts/NotoSansCJKsc-Bold.subset.otf
	fontBold []byte
	//go:embed fonts/NotoSansCJKsc-Coverage.otf
	fontCoverage []byte
	//go:embed fonts/OFL.txt
	fontLicence string
)

// Font file names, as Fyne resources should be named.
const (
	FontRegularName = "NotoSansCJKsc-Regular.subset.otf"
	FontBoldName    = "NotoSansCJKsc-Bold.subset.otf"
)

// FontRegular returns the regular weight of the bundled Chinese font (an
// OpenType/CFF file). The slice is shared: callers must not modify it.
func FontRegular() []byte { return fontRegular }

// FontBold returns the bold weight of the bundled Chinese font. The slice
// is shared: callers must not modify it.
func FontBold() []byte { return fontBold }

// FontCoverage returns the regular weight with every glyph blanked: the
// same character map in 0.2 MB, for where a font is consulted only for
// which characters it covers (the window's font map). It draws nothing.
// The slice is shared: callers must not modify it.
func FontCoverage() []byte { return fontCoverage }

// FontLicence returns the SIL Open Font License text the font is
// distributed under, for an About screen or a package.
func FontLicence() string { return fontLicence }
