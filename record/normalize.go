package record

import "strings"

// Normalize tidies a record in place, changing only what can be changed
// without losing meaning, so that storage can call Normalize and then
// Validate: one-line text is cleaned (CleanText), multi-line text trimmed,
// codes folded to half-width upper-case, a mobile that parses put into
// +86 form, typed dates (2024/1/5) rewritten as YYYY-MM-DD, a Chinese
// stage name (在谈) turned into its code, and an empty Stage set to
// StageLead. Values that cannot be normalised are left for Validate to
// report. A nil record, or a kind it does not know, is left alone.
func Normalize(r Record) {
	switch v := r.(type) {
	case *Enterprise:
		if v != nil {
			v.normalize()
		}
	case *Contact:
		if v != nil {
			v.normalize()
		}
	case *Visit:
		if v != nil {
			v.normalize()
		}
	case *Project:
		if v != nil {
			v.normalize()
		}
	case *Task:
		if v != nil {
			v.normalize()
		}
	case *Referral:
		if v != nil {
			v.normalize()
		}
	case *Screening:
		if v != nil {
			v.normalize()
		}
	}
}

func (e *Enterprise) normalize() {
	e.Name = CleanText(e.Name)
	e.ShortName = CleanText(e.ShortName)
	e.CreditCode = NormalizeCreditCode(e.CreditCode)
	e.IndustryCode = normalizeCode(e.IndustryCode)
	e.RegionCode = normalizeCode(e.RegionCode)
	e.Address = CleanText(e.Address)
	e.Stage = normalizeStage(e.Stage)
	e.CloseReason = cleanBlock(e.CloseReason)
	e.ZoneID = CleanText(e.ZoneID)
	e.Tags = cleanList(e.Tags)
	e.Source = CleanText(e.Source)
	e.Notes = cleanBlock(e.Notes)
}

func (c *Contact) normalize() {
	c.EnterpriseID = CleanText(c.EnterpriseID)
	c.Name = CleanText(c.Name)
	c.Title = CleanText(c.Title)
	c.Mobile = CleanText(c.Mobile)
	if m, err := NormalizeMobile(c.Mobile); err == nil {
		c.Mobile = m
	}
	c.Phone = CleanText(c.Phone)
	c.WeChat = strings.TrimFunc(foldWidth(c.WeChat), isSpace)
	c.Email = normalizeEmail(c.Email)
	c.LegalBasis = LegalBasis(strings.ToLower(strings.TrimFunc(foldWidth(string(c.LegalBasis)), isSpace)))
	c.ConsentNote = cleanBlock(c.ConsentNote)
	c.ConsentDate = normalizeDateField(c.ConsentDate)
}

func (v *Visit) normalize() {
	v.EnterpriseID = CleanText(v.EnterpriseID)
	v.Date = normalizeDateField(v.Date)
	v.Place = CleanText(v.Place)
	v.Participants = cleanList(v.Participants)
	v.Summary = cleanBlock(v.Summary)
	v.Outcome = cleanBlock(v.Outcome)
	v.NextStep = cleanBlock(v.NextStep)
}

func (p *Project) normalize() {
	p.EnterpriseID = CleanText(p.EnterpriseID)
	p.Name = CleanText(p.Name)
	p.IndustryCode = normalizeCode(p.IndustryCode)
	p.Processes = cleanList(p.Processes)
	p.SpecialNeeds = cleanList(p.SpecialNeeds)
	p.Timeline = cleanBlock(p.Timeline)
}

func (t *Task) normalize() {
	t.EnterpriseID = CleanText(t.EnterpriseID)
	t.Title = CleanText(t.Title)
	t.Due = normalizeDateField(t.Due)
	t.Assignee = CleanText(t.Assignee)
}

func (r *Referral) normalize() {
	r.EnterpriseID = CleanText(r.EnterpriseID)
	r.ProjectID = CleanText(r.ProjectID)
	r.FromZone = CleanText(r.FromZone)
	r.ToZone = CleanText(r.ToZone)
	r.Reason = cleanBlock(r.Reason)
	r.Response = cleanBlock(r.Response)
	r.Deadline = normalizeDateField(r.Deadline)
	r.SentOn = normalizeDateField(r.SentOn)
	r.RespondedOn = normalizeDateField(r.RespondedOn)
	r.LandedOn = normalizeDateField(r.LandedOn)
	r.ScreeningID = CleanText(r.ScreeningID)
}

func (s *Screening) normalize() {
	s.EnterpriseID = CleanText(s.EnterpriseID)
	s.ProjectID = CleanText(s.ProjectID)
	s.PackVersion = CleanText(s.PackVersion)
	s.PackDate = normalizeDateField(s.PackDate)
	s.Zones = cleanList(s.Zones)
}

// normalizeCode folds an industry or region code to half-width upper-case
// without spaces ("ｃ３０" → "C30").
func normalizeCode(s string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, foldWidth(s)))
}

// normalizeStage defaults an empty stage to lead and maps Chinese names.
func normalizeStage(s Stage) Stage {
	t := strings.TrimFunc(string(s), isSpace)
	if t == "" {
		return StageLead
	}
	if st, ok := ParseStage(strings.ToLower(t)); ok {
		return st
	}
	return Stage(t)
}

// normalizeDateField rewrites a typed date as YYYY-MM-DD when it is one,
// and otherwise only trims it, so that Validate reports it as typed.
func normalizeDateField(s string) string {
	if d, ok := NormalizeDate(s); ok {
		return d
	}
	return strings.TrimFunc(s, isSpace)
}

// normalizeEmail folds full-width characters (＠, ．), trims, and
// lower-cases the domain; the local part may be case-sensitive (RFC 5321
// §2.4) so it is kept.
func normalizeEmail(s string) string {
	s = strings.TrimFunc(foldWidth(s), isSpace)
	if at := strings.LastIndexByte(s, '@'); at >= 0 {
		s = s[:at] + strings.ToLower(s[at:])
	}
	return s
}
