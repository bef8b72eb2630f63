package record

import "strings"

// Severity tells whether a problem blocks saving.
type Severity string

// Severities.
const (
	// Error blocks saving.
	Error Severity = "error"
	// Warning lets the user decide (e.g. a credit code whose check
	// character does not match).
	Warning Severity = "warning"
)

// Problem is one field's failure of one rule.
type Problem struct {
	Field    string   `json:"field"` // JSON field name
	Rule     string   `json:"rule"`  // short rule id, e.g. "required", "credit_code_check"
	Severity Severity `json:"severity"`
	Zh       string   `json:"zh"` // message for the UI
	En       string   `json:"en"` // message for logs and the English UI
}

// Problems is every problem found in one record.
type Problems []Problem

// Errors returns only the blocking problems.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == Error {
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns only the non-blocking problems.
func (ps Problems) Warnings() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == Warning {
			out = append(out, p)
		}
	}
	return out
}

// ValidationError is returned when a record has blocking problems.
type ValidationError struct {
	Kind     Kind
	Problems Problems
}

// Error lists every problem in English, one per field.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("invalid ")
	b.WriteString(string(e.Kind))
	for i, p := range e.Problems {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(p.Field + " (" + p.Rule + "): " + p.En)
	}
	return b.String()
}
