package record

// Placeholder rules: the validation work replaces this file with the full
// rule set (credit code, mobile, dates, ranges…).

// Validate implements Record.
func (e *Enterprise) Validate() Problems { return required("name", e.Name) }

// Validate implements Record.
func (c *Contact) Validate() Problems {
	return append(required("enterprise_id", c.EnterpriseID), required("name", c.Name)...)
}

// Validate implements Record.
func (v *Visit) Validate() Problems {
	return append(required("enterprise_id", v.EnterpriseID), required("date", v.Date)...)
}

// Validate implements Record.
func (p *Project) Validate() Problems { return required("enterprise_id", p.EnterpriseID) }

// Validate implements Record.
func (t *Task) Validate() Problems {
	return append(required("enterprise_id", t.EnterpriseID), required("due", t.Due)...)
}

func required(field, v string) Problems {
	if v != "" {
		return nil
	}
	return Problems{{Field: field, Rule: "required", Severity: Error, Zh: "必填", En: "is required"}}
}
