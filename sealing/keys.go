package sealing

import (
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"
)

// KeySize is the size of the data key and of every derived key.
const KeySize = 32

// ErrWrongPassphrase: the passphrase does not open the wrapped key (or
// the backup). The two cannot be told apart from damage to the
// authenticated bytes, by design.
var ErrWrongPassphrase = errors.New("wrong passphrase")

// Keys is an unwrapped data key with what is derived from it: the AEAD
// for values and the key of the blind index MAC. It is safe for
// concurrent use.
type Keys struct {
	data []byte
	aead cipher.AEAD
	mac  []byte
}

// NewKeys makes a fresh random data key.
func NewKeys() (*Keys, error) {
	data := make([]byte, KeySize)
	if _, err := rand.Read(data); err != nil {
		return nil, fmt.Errorf("new data key: %w", err)
	}
	return keysFrom(data)
}

// keysFrom derives the value and MAC keys from the data key with HKDF,
// so neither use ever sees the data key itself.
func keysFrom(data []byte) (*Keys, error) {
	valueKey := derive(data, "shanhai sealed values v1")
	aead, err := chacha20poly1305.NewX(valueKey)
	if err != nil {
		return nil, fmt.Errorf("value cipher: %w", err)
	}
	return &Keys{data: data, aead: aead, mac: derive(data, "shanhai blind index v1")}, nil
}

func derive(secret []byte, info string) []byte {
	out := make([]byte, KeySize)
	if _, err := io.ReadFull(hkdf.New(sha256.New, secret, nil, []byte(info)), out); err != nil {
		panic("sealing: hkdf cannot fail for 32 bytes: " + err.Error())
	}
	return out
}

// MAC is the keyed HMAC-SHA256 of msg under the blind index key: equal
// inputs give equal outputs, and without the key the output says nothing
// of the input, so it can key an index of personal values.
func (k *Keys) MAC(msg []byte) []byte {
	h := hmac.New(sha256.New, k.mac)
	h.Write(msg)
	return h.Sum(nil)
}

// passphraseKey derives a key-encryption key with argon2id.
func passphraseKey(passphrase, salt []byte, p Params) []byte {
	return argon2.IDKey(passphrase, salt, p.Time, p.Memory, p.Threads, KeySize)
}

// Wrapped-key format, version 1 (all integers big-endian):
//
//	magic "SHWK" | version 1 | time u32 | memory u32 | threads u8 |
//	salt (16) | nonce (24) | sealed data key (32 + 16 tag)
//
// Everything before the nonce is the associated data of the seal.
const (
	wrapMagic   = "SHWK"
	wrapVersion = 1
	saltSize    = 16
	headerSize  = len(wrapMagic) + 1 + 4 + 4 + 1 + saltSize
	wrappedSize = headerSize + chacha20poly1305.NonceSizeX + KeySize + chacha20poly1305.Overhead
)

// Wrapped is a parsed wrapped key.
type Wrapped struct {
	Version uint8
	Params  Params
	Salt    []byte
	header  []byte
	nonce   []byte
	sealed  []byte
}

// Wrap seals the data key under a key derived from passphrase with a
// fresh salt.
func (k *Keys) Wrap(passphrase []byte, p Params) ([]byte, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	salt := make([]byte, saltSize)
	nonce := make([]byte, chacha20poly1305.NonceSizeX)
	if _, err := rand.Read(salt); err != nil {
		return nil, fmt.Errorf("wrap key: %w", err)
	}
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("wrap key: %w", err)
	}
	out := appendParamsHeader([]byte(wrapMagic), wrapVersion, p, salt)
	kek, err := chacha20poly1305.NewX(passphraseKey(passphrase, salt, p))
	if err != nil {
		return nil, fmt.Errorf("wrap key: %w", err)
	}
	header := out
	out = append(out, nonce...)
	return kek.Seal(out, nonce, k.data, header), nil
}

func appendParamsHeader(b []byte, version uint8, p Params, salt []byte) []byte {
	b = append(b, version)
	b = binary.BigEndian.AppendUint32(b, p.Time)
	b = binary.BigEndian.AppendUint32(b, p.Memory)
	b = append(b, p.Threads)
	return append(b, salt...)
}

// ParseWrapped decodes a wrapped key without opening it.
func ParseWrapped(b []byte) (Wrapped, error) {
	if len(b) != wrappedSize {
		return Wrapped{}, fmt.Errorf("wrapped key: %d bytes, want %d: %w", len(b), wrappedSize, ErrFormat)
	}
	if string(b[:len(wrapMagic)]) != wrapMagic {
		return Wrapped{}, fmt.Errorf("wrapped key: bad magic: %w", ErrFormat)
	}
	w := Wrapped{header: b[:headerSize], nonce: b[headerSize : headerSize+chacha20poly1305.NonceSizeX],
		sealed: b[headerSize+chacha20poly1305.NonceSizeX:]}
	var err error
	w.Version, w.Params, w.Salt, err = parseParamsHeader(b[len(wrapMagic):headerSize])
	if err != nil {
		return Wrapped{}, fmt.Errorf("wrapped key: %w", err)
	}
	if w.Version != wrapVersion {
		return Wrapped{}, fmt.Errorf("wrapped key: version %d, want %d: %w", w.Version, wrapVersion, ErrFormat)
	}
	return w, nil
}

// parseParamsHeader reads version, params and salt (exactly that many bytes).
func parseParamsHeader(b []byte) (uint8, Params, []byte, error) {
	if len(b) != 1+4+4+1+saltSize {
		return 0, Params{}, nil, fmt.Errorf("header cut short: %w", ErrFormat)
	}
	p := Params{Time: binary.BigEndian.Uint32(b[1:5]), Memory: binary.BigEndian.Uint32(b[5:9]), Threads: b[9]}
	if err := p.check(); err != nil {
		return 0, Params{}, nil, err
	}
	return b[0], p, b[10:], nil
}

// Unwrap opens a wrapped key with the passphrase. A wrong passphrase
// fails with ErrWrongPassphrase, bytes in another format with ErrFormat.
func Unwrap(wrapped, passphrase []byte) (*Keys, error) {
	w, err := ParseWrapped(wrapped)
	if err != nil {
		return nil, err
	}
	kek, err := chacha20poly1305.NewX(passphraseKey(passphrase, w.Salt, w.Params))
	if err != nil {
		return nil, fmt.Errorf("unwrap key: %w", err)
	}
	data, err := kek.Open(nil, w.nonce, w.sealed, w.header)
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	return keysFrom(data)
}
