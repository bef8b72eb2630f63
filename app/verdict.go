package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/shanhaifield/shanhai/rulepack"
	"github.com/shanhaifield/shanhai/screening"
)

// verdictLabel names a zone verdict in the interface language.
func verdictLabel(v screening.Verdict) string {
	switch v {
	case screening.Admit:
		return lang.X("verdict.admit", "准入")
	case screening.Review:
		return lang.X("verdict.review", "需研判")
	case screening.Reject:
		return lang.X("verdict.reject", "不准入")
	}
	return string(v)
}

// outcomeLabel names one rule's outcome in the interface language.
func outcomeLabel(o screening.Outcome) string {
	switch o {
	case screening.Pass:
		return lang.X("outcome.pass", "通过")
	case screening.Warn:
		return lang.X("outcome.warn", "提示")
	case screening.Fail:
		return lang.X("outcome.fail", "不通过")
	case screening.Missing:
		return lang.X("outcome.missing", "数据不足")
	}
	return string(o)
}

// outcomeColor is green for pass, amber for a warning or missing data and
// red for a failure: the traffic light staff read the table by.
func outcomeColor(o screening.Outcome) color.Color {
	switch o {
	case screening.Pass:
		return theme.Color(theme.ColorNameSuccess)
	case screening.Fail:
		return theme.Color(theme.ColorNameError)
	}
	return theme.Color(theme.ColorNameWarning)
}

func verdictImportance(v screening.Verdict) widget.Importance {
	switch v {
	case screening.Admit:
		return widget.SuccessImportance
	case screening.Reject:
		return widget.DangerImportance
	}
	return widget.WarningImportance
}

// ruleReason is the rule's explanation in the interface language; the
// English one gets the pack's English names for the Chinese names the
// screening put in it.
func ruleReason(r screening.RuleResult, names *strings.Replacer) string {
	if englishUI() && r.En != "" {
		if names != nil {
			return names.Replace(r.En)
		}
		return r.En
	}
	return r.Zh
}

// resultView draws one zone's screening: the verdict, then one line per
// rule with a coloured mark, the outcome and the reason.
func resultView(pack *rulepack.Pack, r screening.Result) *widget.Card {
	var names *strings.Replacer
	if englishUI() {
		names = englishNames(pack)
	}
	rows := container.NewVBox()
	for _, rule := range r.Rules {
		mark := canvas.NewRectangle(outcomeColor(rule.Outcome))
		mark.CornerRadius = 4
		mark.SetMinSize(fyne.NewSize(8, 8))
		outcome := widget.NewLabelWithStyle(outcomeLabel(rule.Outcome), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		reason := widget.NewLabel(ruleReason(rule, names))
		reason.Wrapping = fyne.TextWrapWord
		left := container.NewHBox(container.NewGridWrap(fyne.NewSize(8, 36), mark), container.NewGridWrap(labelSize(
			outcomeLabel(screening.Pass), outcomeLabel(screening.Fail), outcomeLabel(screening.Missing)), outcome))
		rows.Add(container.NewBorder(nil, nil, left, nil, reason))
	}
	verdict := widget.NewLabelWithStyle(verdictLabel(r.Verdict), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	verdict.Importance = verdictImportance(r.Verdict)
	title := r.ZoneName
	if pack != nil {
		if z, ok := pack.Zone(r.ZoneID); ok {
			title = z.ShortNameIn(englishUI())
		}
	}
	card := widget.NewCard(title, "", container.NewBorder(verdict, nil, nil, nil, rows))
	return card
}
