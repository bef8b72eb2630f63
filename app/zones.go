package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/rulepack"
)

// zonesScreen is the read-only 开发区 screen: the zones of the rule pack
// on the left, the chosen zone's positioning, chains, land thresholds,
// carriers and pairings on the right.
type zonesScreen struct {
	ref     *reference
	zones   []rulepack.Zone
	list    *widget.List
	detail  *fyne.Container
	content fyne.CanvasObject
}

func newZonesScreen(ref *reference) *zonesScreen {
	z := &zonesScreen{ref: ref, zones: ref.pack.Zones(), detail: container.NewVBox()}
	z.list = widget.NewList(func() int { return len(z.zones) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(z.zones) {
				o.(*widget.Label).SetText(z.zones[id].ShortNameIn(englishUI()))
			}
		})
	z.list.OnSelected = func(id widget.ListItemID) { z.show(id) }
	note := widget.NewLabel(lang.X("zones.none", "规则包未能载入，没有开发区资料。"))
	if ref.pack != nil {
		note.SetText(lang.X("zones.pack", "规则包 {{.Version}}（{{.Date}}），只读", map[string]any{"Version": ref.pack.Version, "Date": ref.pack.Date}))
	}
	note.Importance = widget.LowImportance
	left := container.NewBorder(nil, nil, nil, nil, z.list)
	split := container.NewHSplit(left, container.NewVScroll(z.detail))
	split.Offset = 0.22
	z.content = container.NewBorder(note, nil, nil, nil, split)
	if len(z.zones) > 0 {
		z.list.Select(0)
	}
	return z
}

// show fills the right side with zone i.
func (z *zonesScreen) show(i int) {
	if i < 0 || i >= len(z.zones) {
		return
	}
	zone := z.zones[i]
	kind := lang.X("zones.advanced", "先进地区开发区")
	if zone.Kind == rulepack.Mountain {
		kind = lang.X("zones.mountain", "山区县开发区")
	}
	en := englishUI()
	title := widget.NewLabelWithStyle(zone.NameIn(en), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sub := widget.NewLabel(levelLabel(zone.Level) + " · " + kind + " · " + regionLabel(zone.ADCODE))
	objs := []fyne.CanvasObject{title, sub}
	section := func(head string, lines []string) {
		if len(lines) == 0 {
			lines = []string{lang.X("zones.nothing", "（规则包中没有）")}
		}
		objs = append(objs, widget.NewCard("", head, wrapLabel(strings.Join(lines, "\n"))))
	}
	var leading []string
	for _, l := range zone.Leading {
		leading = append(leading, lang.X("zones.leading_line", "{{.Wording}}（{{.Codes}}）",
			map[string]any{"Wording": l.WordingIn(en), "Codes": strings.Join(l.Codes, lang.X("zones.list_sep", "、"))}))
	}
	section(lang.X("zones.leading", "主导产业"), leading)
	section(lang.X("zones.chains", "产业链环节"), z.chainLines(zone))
	section(lang.X("zones.land", "用地标准（亩均）"), z.landLines(zone.ID))
	section(lang.X("zones.carriers", "载体"), carrierLines(zone))
	var paired []string
	for _, p := range z.ref.pack.Paired(zone.ID) {
		paired = append(paired, p.NameIn(en))
	}
	section(lang.X("zones.paired", "结对开发区"), paired)
	z.detail.Objects = objs
	z.detail.Refresh()
}

func (z *zonesScreen) chainLines(zone rulepack.Zone) []string {
	var out []string
	for _, c := range zone.Chains {
		name := c.Chain
		if ch, ok := z.ref.pack.Chain(c.Chain); ok {
			name = ch.NameIn(englishUI())
		}
		var roles []string
		for _, r := range c.Segments {
			roles = append(roles, segmentLabel(r))
		}
		out = append(out, lang.X("zones.chain_line", "{{.Chain}}：{{.Roles}}",
			map[string]any{"Chain": name, "Roles": strings.Join(roles, lang.X("zones.list_sep", "、"))}))
	}
	return out
}

// landLines are the zone's latest land-efficiency table, one row a line.
func (z *zonesScreen) landLines(zoneID string) []string {
	var latest *rulepack.LandTable
	for i, t := range z.ref.pack.Land.Tables {
		if t.Zone == zoneID && (latest == nil || t.Year > latest.Year) {
			latest = &z.ref.pack.Land.Tables[i]
		}
	}
	if latest == nil {
		return nil
	}
	var out []string
	for _, r := range latest.Rows {
		var parts []string
		add := func(v float64, format string) {
			if v > 0 {
				parts = append(parts, fmt.Sprintf(format, v))
			}
		}
		add(r.InvestPerMu, lang.X("zones.invest", "投资强度≥%g万元/亩"))
		add(r.TaxPerMu, lang.X("zones.tax", "亩均税收≥%g万元"))
		add(r.ValueAddedPerMu, lang.X("zones.va", "亩均增加值≥%g万元"))
		add(r.PlotRatioMin, lang.X("zones.plot", "容积率≥%g"))
		out = append(out, lang.X("zones.land_line", "{{.Year}} {{.Name}}：{{.Caps}}", map[string]any{"Year": latest.Year,
			"Name": r.NameIn(englishUI()), "Caps": strings.Join(parts, lang.X("zones.caps_sep", "，"))}))
	}
	return out
}

func carrierLines(zone rulepack.Zone) []string {
	var out []string
	for _, c := range zone.Carriers {
		line := c.NameIn(englishUI())
		if c.AreaMu > 0 {
			line += fmt.Sprintf(lang.X("zones.area", "，%g亩"), c.AreaMu)
		}
		if c.FloorM2 > 0 {
			line += fmt.Sprintf(lang.X("zones.floor", "，厂房%g平方米"), c.FloorM2)
		}
		sep, list := lang.X("zones.part_sep", "；"), lang.X("zones.list_sep", "、")
		if f := c.FeaturesIn(englishUI()); len(f) > 0 {
			line += sep + strings.Join(f, list)
		}
		if r := c.RestrictionsIn(englishUI()); len(r) > 0 {
			line += sep + strings.Join(r, list)
		}
		out = append(out, line)
	}
	return out
}

func wrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// levelLabel names a zone's level in the interface language.
func levelLabel(l rulepack.Level) string {
	if l == rulepack.National {
		return lang.X("zones.national", "国家级")
	}
	return lang.X("zones.provincial", "省级")
}

// segmentLabel names a chain segment in the interface language.
func segmentLabel(r rulepack.Role) string {
	switch r {
	case rulepack.Upstream:
		return lang.X("zones.upstream", "上游")
	case rulepack.Midstream:
		return lang.X("zones.midstream", "中游")
	case rulepack.Downstream:
		return lang.X("zones.downstream", "下游")
	}
	return string(r)
}

// englishNames replaces the pack's Chinese zone, leading-industry and
// chain names by their English ones, longest first so that a short name
// inside a longer one does not split it. Names without English stay.
func englishNames(pack *rulepack.Pack) *strings.Replacer {
	if pack == nil {
		return nil
	}
	var pairs [][2]string
	add := func(zh, en string) {
		if zh != "" && en != "" {
			pairs = append(pairs, [2]string{zh, en})
		}
	}
	for _, z := range pack.Zones() {
		add(z.Name, z.NameEn)
		add(z.ShortName, z.ShortNameEn)
		for _, l := range z.Leading {
			add(l.Wording, l.WordingEn)
		}
	}
	for _, c := range pack.Chains {
		add(c.Name, c.NameEn)
	}
	slices.SortStableFunc(pairs, func(a, b [2]string) int { return len(b[0]) - len(a[0]) })
	var args []string
	for _, p := range pairs {
		args = append(args, p[0], p[1])
	}
	return strings.NewReplacer(args...)
}
