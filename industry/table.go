package industry

// Table is a loaded classification. It is never modified after Parse
// returns, so one Table can serve any number of goroutines; the slices its
// methods return are fresh copies the caller may keep or change.
type Table struct {
	codes    []Code           // in file order (the standard's order)
	byCode   map[string]int   // code → index in codes
	children map[string][]int // parent code → indexes of its children
}

// Len returns the number of rows in the table.
func (t *Table) Len() int { return len(t.codes) }

// All returns every row in the order of the file.
func (t *Table) All() []Code { return append([]Code(nil), t.codes...) }

// Lookup returns the row for a code. The code is normalized first, so
// "C3670" and "３６７０" find 3670; ok is false for a malformed code or one
// the table does not hold.
func (t *Table) Lookup(code string) (Code, bool) {
	n, err := Normalize(code)
	if err != nil {
		return Code{}, false
	}
	i, ok := t.byCode[n]
	if !ok {
		return Code{}, false
	}
	return t.codes[i], true
}

// Ancestors returns the chain from the code itself up to its section,
// e.g. for 3670: 3670 → 367 → 36 → C. It is nil if the code is not in the
// table.
func (t *Table) Ancestors(code string) []Code {
	c, ok := t.Lookup(code)
	if !ok {
		return nil
	}
	chain := []Code{c}
	for c.Parent != "" {
		// Parse guarantees every parent exists and is one level up, so
		// this ends after at most three steps.
		c = t.codes[t.byCode[c.Parent]]
		chain = append(chain, c)
	}
	return chain
}

// Section returns the 门类 a code belongs to. It works for any well-formed
// code, including 中类/小类 the table does not ship (e.g. 5111 gives F),
// because the standard fixes which divisions each section holds.
func (t *Table) Section(code string) (Code, bool) {
	n, err := Normalize(code)
	if err != nil {
		return Code{}, false
	}
	letter, ok := sectionOf(n)
	if !ok {
		return Code{}, false
	}
	i, ok := t.byCode[string(letter)]
	if !ok {
		return Code{}, false
	}
	return t.codes[i], true
}

// Within reports whether code is ancestor or lies below it: "3670" is
// within "3670", "367", "36" and "C". Both are normalized; like Section it
// needs only well-formed codes, not rows in the table. Malformed input is
// within nothing.
func (t *Table) Within(code, ancestor string) bool {
	c, err := Normalize(code)
	if err != nil {
		return false
	}
	a, err := Normalize(ancestor)
	if err != nil {
		return false
	}
	if levelOfShape(a) == Section {
		letter, ok := sectionOf(c)
		return ok && string(letter) == a
	}
	return len(c) >= len(a) && c[:len(a)] == a && levelOfShape(c) != Section
}

// Children returns the codes one level below code, in the standard's
// order: a section's divisions, a division's groups, a group's classes.
// It is empty for a class, an unknown code, or a division whose groups the
// table does not ship.
func (t *Table) Children(code string) []Code {
	n, err := Normalize(code)
	if err != nil {
		return nil
	}
	idx := t.children[n]
	out := make([]Code, 0, len(idx))
	for _, i := range idx {
		out = append(out, t.codes[i])
	}
	return out
}
