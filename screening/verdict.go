package screening

// decide applies the verdict policy (see the package comment) and scores
// the result: the verdict first, then positioning fit, less a little for
// every open question.
func decide(rules []RuleResult, fit float64) (Verdict, float64) {
	v := Admit
	score := fit
	for i := range rules {
		r := &rules[i]
		switch r.Outcome {
		case Fail:
			if r.Hard {
				v = Reject
			} else if v == Admit {
				v = Review
			}
			score -= 5
		case Warn:
			if v == Admit {
				v = Review
			}
			score -= 2
		case Missing:
			if v == Admit {
				v = Review
			}
			score -= 3
		}
	}
	return v, score + 1000*float64(v.rank())
}
