package screening

import "fmt"

// Change is one difference between two results for the same candidate
// and zone, typically before and after a new rule pack.
type Change struct {
	// Rule is the rule id, or "verdict" for the overall answer.
	Rule string `json:"rule"`
	// Subject tells apart rules that appear more than once (special needs).
	Subject string `json:"subject,omitempty"`
	What    string `json:"what"` // verdict, outcome, threshold, value, added, removed
	Old     string `json:"old,omitempty"`
	New     string `json:"new,omitempty"`
	Zh      string `json:"zh"`
	En      string `json:"en"`
}

type ruleKey struct{ rule, subject string }

// Diff lists what changed from old to new: the verdict, each rule's
// outcome, threshold and figure, and rules that appeared or disappeared.
func Diff(old, new Result) []Change {
	var out []Change
	if old.Verdict != new.Verdict {
		out = append(out, Change{Rule: "verdict", What: "verdict", Old: string(old.Verdict), New: string(new.Verdict),
			Zh: fmt.Sprintf("结论由「%s」变为「%s」（规则包 %s → %s）", old.Verdict.Chinese(), new.Verdict.Chinese(), old.PackVersion, new.PackVersion),
			En: fmt.Sprintf("verdict %s → %s (pack %s → %s)", old.Verdict, new.Verdict, old.PackVersion, new.PackVersion)})
	}
	before := map[ruleKey]RuleResult{}
	for _, r := range old.Rules {
		before[keyOf(r)] = r
	}
	seen := map[ruleKey]bool{}
	for _, n := range new.Rules {
		k := keyOf(n)
		seen[k] = true
		o, ok := before[k]
		if !ok {
			out = append(out, Change{Rule: n.Rule, Subject: k.subject, What: "added", New: string(n.Outcome),
				Zh: "新增规则 " + n.Rule + "：" + n.Zh, En: "new rule " + n.Rule + ": " + n.En})
			continue
		}
		out = append(out, ruleChanges(o, n)...)
	}
	for _, o := range old.Rules {
		if k := keyOf(o); !seen[k] {
			out = append(out, Change{Rule: o.Rule, Subject: k.subject, What: "removed", Old: string(o.Outcome),
				Zh: "规则 " + o.Rule + " 不再适用", En: "rule " + o.Rule + " no longer applies"})
		}
	}
	return out
}

func keyOf(r RuleResult) ruleKey {
	if r.Rule == RuleSiteSpecial {
		return ruleKey{r.Rule, r.Subject}
	}
	return ruleKey{r.Rule, ""}
}

func ruleChanges(o, n RuleResult) []Change {
	var out []Change
	k := keyOf(n)
	if o.Outcome != n.Outcome {
		out = append(out, Change{Rule: n.Rule, Subject: k.subject, What: "outcome", Old: string(o.Outcome), New: string(n.Outcome),
			Zh: fmt.Sprintf("%s：%s → %s（%s）", n.Rule, o.Outcome.Chinese(), n.Outcome.Chinese(), n.Zh),
			En: fmt.Sprintf("%s: %s → %s (%s)", n.Rule, o.Outcome, n.Outcome, n.En)})
	}
	if o.Threshold != n.Threshold || o.Upper != n.Upper || o.Limit != n.Limit {
		out = append(out, Change{Rule: n.Rule, Subject: k.subject, What: "threshold",
			Old: thresholdText(o), New: thresholdText(n),
			Zh: fmt.Sprintf("%s 标准由 %s 变为 %s", n.Rule, thresholdText(o), thresholdText(n)),
			En: fmt.Sprintf("%s threshold %s → %s", n.Rule, thresholdText(o), thresholdText(n))})
	}
	if o.Value != n.Value {
		out = append(out, Change{Rule: n.Rule, Subject: k.subject, What: "value", Old: num(o.Value), New: num(n.Value),
			Zh: fmt.Sprintf("%s 数值由 %s 变为 %s", n.Rule, num(o.Value), num(n.Value)),
			En: fmt.Sprintf("%s value %s → %s", n.Rule, num(o.Value), num(n.Value))})
	}
	return out
}

func thresholdText(r RuleResult) string {
	switch {
	case r.Limit != "":
		return string(r.Limit)
	case r.Upper > 0:
		return num(r.Threshold) + "–" + num(r.Upper)
	}
	return num(r.Threshold)
}
