package search

import (
	"encoding/binary"
	"unicode/utf8"
)

// An entry is a document as the index keeps it: its normalised text for
// verifying matches, plus what a Result reports. Entries live end to end
// in one byte arena (Index.text), one encoded record per slot, so 300k
// documents cost a few large allocations instead of a dozen small ones
// each. The encoding is a kind byte followed by length-prefixed (uvarint)
// fields in entryField order.
type entryField int

const (
	efID entryField = iota
	efEnterpriseID
	efDisplay  // Doc.Name as put
	efName     // normalised name; stored empty when equal to efDisplay
	efShort    // normalised
	efAddr     // normalised
	efPinyin   // full toneless pinyin of the name
	efInitials // one letter per syllable
	efStarts   // syllable starts in efPinyin, as uvarint deltas
	efCode     // normalised credit code
	efMobiles  // national digits of each mobile, joined by ','
	efKind     // Doc.Kind when neither enterprise nor contact
	efCount
)

// Kind codes of the first byte of an entry.
const (
	kindEnterprise byte = 'e'
	kindContact    byte = 'c'
	kindOther      byte = 'o'
)

// entry is a decoded view of one encoded entry; its slices point into the
// arena and are valid while the index's read lock is held.
type entry struct {
	kind byte
	f    [efCount][]byte
}

func (e *entry) id() []byte       { return e.f[efID] }
func (e *entry) name() []byte     { return e.f[efName] }
func (e *entry) short() []byte    { return e.f[efShort] }
func (e *entry) addr() []byte     { return e.f[efAddr] }
func (e *entry) pinyin() []byte   { return e.f[efPinyin] }
func (e *entry) initials() []byte { return e.f[efInitials] }
func (e *entry) code() []byte     { return e.f[efCode] }

// kindName is the Doc.Kind of an entry.
func (e *entry) kindName() string {
	switch e.kind {
	case kindEnterprise:
		return KindEnterprise
	case kindContact:
		return KindContact
	}
	return string(e.f[efKind])
}

// eachStart calls fn with the byte offset of every syllable in pinyin.
func (e *entry) eachStart(fn func(int) bool) {
	b, at := e.f[efStarts], 0
	for len(b) > 0 {
		d, n := binary.Uvarint(b)
		if n <= 0 {
			return
		}
		at += int(d)
		if !fn(at) {
			return
		}
		b = b[n:]
	}
}

// eachMobile calls fn with the national digits of every mobile.
func (e *entry) eachMobile(fn func([]byte) bool) {
	b := e.f[efMobiles]
	for len(b) > 0 {
		i := indexByte(b, ',')
		if i < 0 {
			fn(b)
			return
		}
		if !fn(b[:i]) {
			return
		}
		b = b[i+1:]
	}
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// decodeEntry reads the entry encoded at the start of b.
func decodeEntry(b []byte) entry {
	var e entry
	if len(b) == 0 {
		return e
	}
	e.kind, b = b[0], b[1:]
	for f := range efCount {
		l, n := binary.Uvarint(b)
		if n <= 0 || uint64(len(b)-n) < l {
			return e // cannot happen for what encodeDoc wrote
		}
		e.f[f], b = b[n:n+int(l)], b[n+int(l):]
	}
	if len(e.f[efName]) == 0 {
		e.f[efName] = e.f[efDisplay]
	}
	return e
}

// encodeDoc normalises d, derives its pinyin and appends the encoded
// entry to buf; it touches no index state.
func encodeDoc(buf []byte, d Doc) []byte {
	kind := kindOther
	switch d.Kind {
	case KindEnterprise:
		kind = kindEnterprise
	case KindContact:
		kind = kindContact
	}
	name := normalize(d.Name)
	full, initials, starts := pinyinOf(name, d.Kind == KindContact)
	buf = append(buf, kind)
	buf = appendField(buf, d.ID)
	buf = appendField(buf, d.EnterpriseID)
	buf = appendField(buf, d.Name)
	if name == d.Name {
		name = ""
	}
	buf = appendField(buf, name)
	buf = appendField(buf, normalize(d.ShortName))
	buf = appendField(buf, normalize(d.Address))
	buf = appendField(buf, full)
	buf = appendField(buf, initials)
	var sb [binary.MaxVarintLen64 * 8]byte
	st, prev := sb[:0], 0
	for _, s := range starts {
		st = binary.AppendUvarint(st, uint64(int(s)-prev))
		prev = int(s)
	}
	buf = binary.AppendUvarint(buf, uint64(len(st)))
	buf = append(buf, st...)
	buf = appendField(buf, normalize(d.CreditCode))
	var mb []byte
	for _, m := range d.Mobiles {
		if n := nationalMobile(m); n != "" {
			if len(mb) > 0 {
				mb = append(mb, ',')
			}
			mb = append(mb, n...)
		}
	}
	buf = binary.AppendUvarint(buf, uint64(len(mb)))
	buf = append(buf, mb...)
	if kind == kindOther {
		return appendField(buf, d.Kind)
	}
	return appendField(buf, "")
}

func appendField(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// runeCount is the name length in runes as ranking uses it.
func runeCount(b []byte) uint16 {
	return uint16(min(utf8.RuneCount(b), 0xFFFF))
}

// field returns one field of the entry of a slot, skipping the fields
// before it rather than decoding them all: verifying candidates reads one
// field of each, often of many thousands.
func (ix *Index) field(slot uint32, f entryField) []byte {
	b := ix.text[ix.off[slot]+1:] // past the kind byte
	var display []byte
	for i := entryField(0); i < efCount; i++ {
		var l uint64
		n := 1
		if len(b) > 0 && b[0] < 0x80 {
			l = uint64(b[0])
		} else if l, n = binary.Uvarint(b); n <= 0 {
			return nil
		}
		if uint64(len(b)-n) < l {
			return nil
		}
		v := b[n : n+int(l)]
		switch {
		case i == efDisplay:
			display = v
		case i != f:
		case f == efName && len(v) == 0:
			return display
		default:
			return v
		}
		if i == f {
			return v
		}
		b = b[n+int(l):]
	}
	return nil
}
