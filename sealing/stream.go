package sealing

import (
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"golang.org/x/crypto/chacha20poly1305"
)

// Stream format (backup files), version 1:
//
//	magic "SHANHAI-BACKUP\x00\x01" | version 1 | time u32 | memory u32 |
//	threads u8 | salt (16) | nonce prefix (16) | chunks
//
// Each chunk is a u32 length of its sealed bytes, then the plaintext (at
// most ChunkSize bytes) sealed under the argon2id key of the passphrase.
// Its nonce is the prefix, a u64 counter and, in the counter's top bit, a
// flag set only on the last chunk; the header is every chunk's associated
// data. So a reordered, dropped or altered chunk, a changed header, a
// cut-off end (no last chunk) and bytes after the last chunk are all
// detected.
const (
	streamMagic   = "SHANHAI-BACKUP\x00\x01"
	streamVersion = 1
	prefixSize    = 16
	// ChunkSize is the plaintext size of every chunk but the last.
	ChunkSize = 64 << 10
	lastFlag  = uint64(1) << 63
)

// ErrTruncated: a stream ended before its authenticated last chunk.
var ErrTruncated = errors.New("sealed stream is cut short")

// Writer seals a stream; Close writes the last chunk and must be called.
type Writer struct {
	w      io.Writer
	aead   cipher.AEAD
	header []byte
	prefix []byte
	n      uint64
	buf    []byte
	closed bool
}

// NewWriter writes a stream header to w and returns the Writer that
// seals what follows under a key derived from passphrase.
func NewWriter(w io.Writer, passphrase []byte, p Params) (*Writer, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	salt := make([]byte, saltSize)
	prefix := make([]byte, prefixSize)
	if _, err := rand.Read(salt); err != nil {
		return nil, fmt.Errorf("stream: %w", err)
	}
	if _, err := rand.Read(prefix); err != nil {
		return nil, fmt.Errorf("stream: %w", err)
	}
	header := appendParamsHeader([]byte(streamMagic), streamVersion, p, salt)
	header = append(header, prefix...)
	aead, err := chacha20poly1305.NewX(passphraseKey(passphrase, salt, p))
	if err != nil {
		return nil, fmt.Errorf("stream: %w", err)
	}
	if _, err := w.Write(header); err != nil {
		return nil, fmt.Errorf("stream header: %w", err)
	}
	return &Writer{w: w, aead: aead, header: header, prefix: prefix, buf: make([]byte, 0, ChunkSize)}, nil
}

func streamNonce(prefix []byte, n uint64, last bool) []byte {
	if last {
		n |= lastFlag
	}
	return binary.BigEndian.AppendUint64(append(make([]byte, 0, chacha20poly1305.NonceSizeX), prefix...), n)
}

// Write buffers p and seals every full chunk.
func (s *Writer) Write(p []byte) (int, error) {
	if s.closed {
		return 0, errors.New("stream: write after close")
	}
	written := 0
	for len(p) > 0 {
		n := min(len(p), ChunkSize-len(s.buf))
		s.buf = append(s.buf, p[:n]...)
		p, written = p[n:], written+n
		if len(s.buf) == ChunkSize {
			if err := s.flush(false); err != nil {
				return written, err
			}
		}
	}
	return written, nil
}

func (s *Writer) flush(last bool) error {
	if s.n >= lastFlag-1 {
		return errors.New("stream: too many chunks")
	}
	sealed := s.aead.Seal(nil, streamNonce(s.prefix, s.n, last), s.buf, s.header)
	s.n++
	s.buf = s.buf[:0]
	frame := binary.BigEndian.AppendUint32(make([]byte, 0, 4+len(sealed)), uint32(len(sealed)))
	if _, err := s.w.Write(append(frame, sealed...)); err != nil {
		return fmt.Errorf("stream chunk %d: %w", s.n-1, err)
	}
	return nil
}

// Close seals the last chunk (possibly empty). It does not close the
// underlying writer.
func (s *Writer) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	return s.flush(true)
}

// Reader opens a stream. Read returns io.EOF only after the authenticated
// last chunk; a stream cut short fails with ErrTruncated.
type Reader struct {
	r      io.Reader
	aead   cipher.AEAD
	header []byte
	prefix []byte
	n      uint64
	buf    []byte
	done   bool
}

// ParseStreamHeader reads and checks a stream header, returning it and
// its parameters.
func ParseStreamHeader(r io.Reader) (header []byte, p Params, err error) {
	header = make([]byte, len(streamMagic)+1+4+4+1+saltSize+prefixSize)
	if _, err := io.ReadFull(r, header); err != nil {
		return nil, Params{}, fmt.Errorf("stream header: %w", ErrFormat)
	}
	if string(header[:len(streamMagic)]) != streamMagic {
		return nil, Params{}, fmt.Errorf("stream header: not a shanhai backup: %w", ErrFormat)
	}
	v, p, _, err := parseParamsHeader(header[len(streamMagic) : len(header)-prefixSize])
	if err != nil {
		return nil, Params{}, fmt.Errorf("stream header: %w", err)
	}
	if v != streamVersion {
		return nil, Params{}, fmt.Errorf("stream header: version %d, want %d: %w", v, streamVersion, ErrFormat)
	}
	return header, p, nil
}

// NewReader reads the stream header from r and derives the key from the
// passphrase; a wrong passphrase shows on the first Read.
func NewReader(r io.Reader, passphrase []byte) (*Reader, error) {
	header, p, err := ParseStreamHeader(r)
	if err != nil {
		return nil, err
	}
	salt := header[len(header)-prefixSize-saltSize : len(header)-prefixSize]
	aead, err := chacha20poly1305.NewX(passphraseKey(passphrase, salt, p))
	if err != nil {
		return nil, fmt.Errorf("stream: %w", err)
	}
	return &Reader{r: r, aead: aead, header: header, prefix: header[len(header)-prefixSize:]}, nil
}

// Read returns opened plaintext.
func (s *Reader) Read(p []byte) (int, error) {
	for len(s.buf) == 0 {
		if s.done {
			return 0, io.EOF
		}
		if err := s.next(); err != nil {
			return 0, err
		}
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}

// next reads and opens one chunk.
func (s *Reader) next() error {
	var size [4]byte
	if _, err := io.ReadFull(s.r, size[:]); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("chunk %d: %w", s.n, ErrTruncated)
		}
		return fmt.Errorf("chunk %d: %w", s.n, err)
	}
	n := binary.BigEndian.Uint32(size[:])
	if n < chacha20poly1305.Overhead || n > ChunkSize+chacha20poly1305.Overhead {
		return fmt.Errorf("chunk %d: length %d: %w", s.n, n, ErrFormat)
	}
	sealed := make([]byte, n)
	if _, err := io.ReadFull(s.r, sealed); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("chunk %d: %w", s.n, ErrTruncated)
		}
		return fmt.Errorf("chunk %d: %w", s.n, err)
	}
	plain, err := s.aead.Open(nil, streamNonce(s.prefix, s.n, false), sealed, s.header)
	if err != nil {
		plain, err = s.aead.Open(nil, streamNonce(s.prefix, s.n, true), sealed, s.header)
		if err != nil {
			if s.n == 0 {
				return ErrWrongPassphrase // or a damaged first chunk: indistinguishable
			}
			return fmt.Errorf("chunk %d: %w", s.n, ErrOpen)
		}
		s.done = true
		var extra [1]byte
		if k, _ := io.ReadFull(s.r, extra[:]); k > 0 {
			return fmt.Errorf("bytes after the last chunk: %w", ErrFormat)
		}
	}
	s.n++
	s.buf = plain
	return nil
}
