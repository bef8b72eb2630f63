package report

import (
	"fmt"
	"io"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/shanhaifield/shanhai/assets"
)

// Page geometry in millimetres (A4 portrait).
const (
	margin    = 18.0
	pageWidth = 210.0
	bodyWidth = pageWidth - 2*margin
	lineH     = 5.6
	family    = "NotoSansSC"
)

// doc is one report being written.
type doc struct {
	pdf *fpdf.Fpdf
}

// newDoc starts an A4 document with the report font, a running header
// with the title and a footer with the page number and when it was made.
func newDoc(title string, made time.Time) *doc {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(true, margin)
	p.AddUTF8FontFromBytes(family, "", assets.ReportFontRegular())
	p.AddUTF8FontFromBytes(family, "B", assets.ReportFontBold())
	p.SetTitle(title, true)
	p.SetCreator("山海招商外勤 Shanhai Field", true)
	p.SetCreationDate(made)
	p.SetModificationDate(made)
	p.AliasNbPages("{nb}")
	p.SetFooterFunc(func() {
		p.SetY(-12)
		p.SetFont(family, "", 8)
		p.SetTextColor(120, 120, 120)
		p.CellFormat(bodyWidth/2, 5, title+" · 生成于 "+made.Format("2006-01-02 15:04"), "", 0, "L", false, 0, "")
		p.CellFormat(bodyWidth/2, 5, fmt.Sprintf("第 %d 页 / 共 {nb} 页", p.PageNo()), "", 0, "R", false, 0, "")
		p.SetTextColor(0, 0, 0)
	})
	p.AddPage()
	d := &doc{pdf: p}
	d.title(title)
	return d
}

func (d *doc) title(s string) {
	d.pdf.SetFont(family, "B", 18)
	d.pdf.CellFormat(bodyWidth, 10, s, "", 1, "C", false, 0, "")
	d.pdf.Ln(2)
}

// subtitle is a centred grey line under the title.
func (d *doc) subtitle(s string) {
	d.pdf.SetFont(family, "", 10)
	d.pdf.SetTextColor(90, 90, 90)
	d.lines(s, bodyWidth, lineH, "C")
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.Ln(3)
}

// heading starts a section with a rule under it.
func (d *doc) heading(s string) {
	d.pdf.Ln(2)
	if d.pdf.GetY() > 297-margin-30 { // keep a heading with its first lines
		d.pdf.AddPage()
	}
	d.pdf.SetFont(family, "B", 13)
	d.pdf.CellFormat(bodyWidth, 8, s, "B", 1, "L", false, 0, "")
	d.pdf.Ln(2)
}

// subheading is a bold line inside a section.
func (d *doc) subheading(s string) {
	if d.pdf.GetY() > 297-margin-20 {
		d.pdf.AddPage()
	}
	d.pdf.SetFont(family, "B", 11)
	d.lines(s, bodyWidth, 6.5, "L")
}

// para is wrapped body text.
func (d *doc) para(s string) {
	d.pdf.SetFont(family, "", 10)
	d.lines(s, bodyWidth, lineH, "L")
}

// note is small grey text.
func (d *doc) note(s string) {
	d.pdf.SetFont(family, "", 8.5)
	d.pdf.SetTextColor(100, 100, 100)
	d.lines(s, bodyWidth, 4.6, "L")
	d.pdf.SetTextColor(0, 0, 0)
}

// field is "label：value" with the label bold, wrapped; empty values are
// left out.
func (d *doc) field(label, value string) {
	if value == "" {
		return
	}
	d.pdf.SetFont(family, "B", 10)
	w := d.pdf.GetStringWidth(label+"：") + 1
	d.pdf.CellFormat(w, lineH, label+"：", "", 0, "L", false, 0, "")
	d.pdf.SetFont(family, "", 10)
	d.lines(value, bodyWidth-w, lineH, "L")
}

// bullet is an indented item.
func (d *doc) bullet(s string) {
	d.pdf.SetFont(family, "", 10)
	d.pdf.CellFormat(5, lineH, "·", "", 0, "C", false, 0, "")
	d.lines(s, bodyWidth-5, lineH, "L")
}

// badge is a coloured verdict box followed by text on the same line.
func (d *doc) badge(text string, r, g, b int, after string) {
	d.pdf.SetFont(family, "B", 11)
	d.pdf.SetFillColor(r, g, b)
	d.pdf.SetTextColor(255, 255, 255)
	w := d.pdf.GetStringWidth(text) + 6
	d.pdf.CellFormat(w, 7, text, "", 0, "C", true, 0, "")
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.SetFont(family, "", 10)
	d.pdf.CellFormat(3, 7, "", "", 0, "L", false, 0, "")
	d.lines(after, bodyWidth-w-3, 7, "L")
}

// counts is a row of figure boxes (label over number).
func (d *doc) counts(items [][2]string) {
	if len(items) == 0 {
		return
	}
	w := bodyWidth / float64(len(items))
	x, y := d.pdf.GetX(), d.pdf.GetY()
	for i, it := range items {
		d.pdf.SetXY(x+float64(i)*w, y)
		d.pdf.SetFont(family, "B", 16)
		d.pdf.CellFormat(w, 9, it[1], "LTR", 2, "C", false, 0, "")
		d.pdf.SetFont(family, "", 9)
		d.pdf.CellFormat(w, 6, it[0], "LBR", 0, "C", false, 0, "")
	}
	d.pdf.SetXY(x, y+16)
	d.pdf.Ln(2)
}

// gap adds vertical space.
func (d *doc) gap(mm float64) { d.pdf.Ln(mm) }

// write finishes the document.
func (d *doc) write(w io.Writer) error {
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}
