package rulepack

import (
	"fmt"
	"regexp"
	"strings"
)

// Problem is one defect in a pack: the file, the field path and what is
// wrong.
type Problem struct {
	File  string
	Field string
	Msg   string
}

// String formats the problem as file: field: message.
func (p Problem) String() string { return p.File + ": " + p.Field + ": " + p.Msg }

// ValidationError lists every defect found, so an administrator can fix
// a pack in one pass.
type ValidationError struct {
	Version  string
	Problems []Problem
}

// Error lists the first problems, one a line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "rule pack %q has %d problem(s):", e.Version, len(e.Problems))
	for i, p := range e.Problems {
		if i == 20 {
			fmt.Fprintf(&b, "\n  … and %d more", len(e.Problems)-20)
			break
		}
		b.WriteString("\n  " + p.String())
	}
	return b.String()
}

var (
	dateRE   = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`)
	slugRE   = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)
	adcodeRE = regexp.MustCompile(`^\d{6}$`)
)

// checker collects problems; origin maps a top-level field to its file.
type checker struct {
	origin map[string]string
	probs  []Problem
}

func (c *checker) add(field, format string, args ...any) {
	top, _, _ := strings.Cut(field, ".")
	top, _, _ = strings.Cut(top, "[")
	file := c.origin[top]
	if file == "" {
		file = "pack"
	}
	c.probs = append(c.probs, Problem{File: file, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) sourced(field string, s Sourced) {
	if strings.TrimSpace(s.Source) == "" {
		c.add(field+".source", "missing: every item needs its document, URL or date")
	}
	if !s.Evidence.valid() {
		c.add(field+".evidence", "%q is not verified, secondary or example", s.Evidence)
	}
}

func (c *checker) codes(field string, codes []string) {
	if len(codes) == 0 {
		c.add(field, "no industry codes")
	}
	for i, code := range codes {
		if !ValidCode(code) {
			c.add(fmt.Sprintf("%s[%d]", field, i), "%q is not a GB/T 4754-2017 code (门类 letter or 2–4 digits)", code)
		}
	}
}

func (c *checker) date(field, d string, required bool) {
	if d == "" && !required {
		return
	}
	if !dateRE.MatchString(d) {
		c.add(field, "%q is not a date YYYY-MM-DD", d)
	}
}

func (p *Pack) validate(origin map[string]string) error {
	c := &checker{origin: origin}
	if strings.TrimSpace(p.Version) == "" {
		c.add("version", "missing")
	}
	c.date("date", p.Date, true)
	p.checkCounties(c)
	zones := p.checkZones(c)
	p.checkPairings(c, zones)
	p.checkChains(c)
	p.checkEco(c, zones)
	p.checkLand(c, zones)
	p.checkRetentions(c)
	if len(c.probs) > 0 {
		return &ValidationError{Version: p.Version, Problems: c.probs}
	}
	return nil
}

func (p *Pack) checkCounties(c *checker) {
	if len(p.Counties) == 0 {
		c.add("mountain_counties", "empty")
	}
	for i, k := range p.Counties {
		f := fmt.Sprintf("mountain_counties[%d]", i)
		c.sourced(f, k.Sourced)
		if !adcodeRE.MatchString(k.ADCODE) {
			c.add(f+".adcode", "%q is not a six-digit ADCODE", k.ADCODE)
		}
		if k.Name == "" {
			c.add(f+".name", "missing")
		}
		c.date(f+".valid_from", k.ValidFrom, false)
		c.date(f+".valid_to", k.ValidTo, false)
	}
}
