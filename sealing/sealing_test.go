package sealing

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

func TestWrapUnwrap(t *testing.T) {
	k, err := NewKeys()
	if err != nil {
		t.Fatal(err)
	}
	w, err := k.Wrap([]byte("correct horse"), LowCostParams())
	if err != nil {
		t.Fatal(err)
	}
	got, err := Unwrap(w, []byte("correct horse"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.data, k.data) {
		t.Fatal("unwrapped key differs")
	}
	if _, err := Unwrap(w, []byte("wrong horse")); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: got %v", err)
	}
	p, err := ParseWrapped(w)
	if err != nil || p.Params != LowCostParams() {
		t.Fatalf("params: %+v %v", p.Params, err)
	}
	for i := range w {
		bad := bytes.Clone(w)
		bad[i] ^= 1
		if _, err := Unwrap(bad, []byte("correct horse")); err == nil {
			t.Fatalf("flipped byte %d still unwraps", i)
		}
	}
}

func TestSealOpen(t *testing.T) {
	k, _ := NewKeys()
	other, _ := NewKeys()
	box := k.Seal(nil, []byte("张三 13800138000"), []byte("contact\x00A"))
	if bytes.Contains(box, []byte("13800138000")) {
		t.Fatal("plaintext in sealed value")
	}
	got, err := k.Open(nil, box, []byte("contact\x00A"))
	if err != nil || string(got) != "张三 13800138000" {
		t.Fatalf("open: %q %v", got, err)
	}
	tests := []struct {
		name string
		keys *Keys
		box  []byte
		ad   string
	}{
		{"other record", k, box, "contact\x00B"},
		{"other key", other, box, "contact\x00A"},
		{"cut", k, box[:len(box)-1], "contact\x00A"},
		{"empty", k, nil, "contact\x00A"},
		{"bad version", k, append([]byte{9}, box[1:]...), "contact\x00A"},
	}
	for _, tt := range tests {
		if _, err := tt.keys.Open(nil, tt.box, []byte(tt.ad)); err == nil {
			t.Errorf("%s: opened", tt.name)
		}
	}
	if bytes.Equal(k.Seal(nil, []byte("x"), nil), k.Seal(nil, []byte("x"), nil)) {
		t.Error("two seals of one value are equal: nonce not random")
	}
	if !bytes.Equal(k.MAC([]byte("13800138000")), k.MAC([]byte("13800138000"))) || bytes.Equal(k.MAC([]byte("1")), other.MAC([]byte("1"))) {
		t.Error("MAC not deterministic per key")
	}
}

func sealStream(t *testing.T, plain []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, []byte("pw"), LowCostParams())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(plain); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openStream(data []byte, pw string) ([]byte, error) {
	r, err := NewReader(bytes.NewReader(data), []byte(pw))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func TestStream(t *testing.T) {
	plain := bytes.Repeat([]byte("0123456789abcdef"), ChunkSize/16*2+100) // two full chunks and a part
	sealed := sealStream(t, plain)
	got, err := openStream(sealed, "pw")
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("round trip: %d bytes, %v", len(got), err)
	}
	if _, err := openStream(sealed, "other"); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	chunk := 4 + ChunkSize + 16
	headerLen := len(sealed) - 3*4 - len(plain) - 3*16
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"cut after first chunk", sealed[:headerLen+chunk], ErrTruncated},
		{"cut mid chunk", sealed[:len(sealed)-5], ErrTruncated},
		{"header only", sealed[:headerLen], ErrTruncated},
		{"trailing byte", append(bytes.Clone(sealed), 0), ErrFormat},
		{"second chunk dropped", append(bytes.Clone(sealed[:headerLen+chunk]), sealed[headerLen+2*chunk:]...), ErrOpen},
		{"not a backup", []byte("hello"), ErrFormat},
	}
	for _, tt := range tests {
		if _, err := openStream(tt.data, "pw"); !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
	}
	for _, i := range []int{0, 20, headerLen + 10, headerLen + chunk + 100, len(sealed) - 1} {
		bad := bytes.Clone(sealed)
		bad[i] ^= 0x40
		if _, err := openStream(bad, "pw"); err == nil {
			t.Errorf("flipped byte %d: opened", i)
		}
	}
	empty := sealStream(t, nil)
	if got, err := openStream(empty, "pw"); err != nil || len(got) != 0 {
		t.Errorf("empty stream: %q %v", got, err)
	}
}
