package api

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// Body limits: a push of MaxBatch changes of a few KB each fits well.
const (
	maxBody         = 32 << 20
	maxInflatedBody = 128 << 20
)

// statusWriter remembers the status for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

// WriteHeader implements http.ResponseWriter.
func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// observe logs every request, counts it and turns a panic into a 500, so
// no input can take the server down.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := s.now()
		s.Metrics.Requests.Add(1)
		s.Metrics.InFlight.Add(1)
		defer s.Metrics.InFlight.Add(-1)
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				s.Log.Error("handler panic", "path", r.URL.Path, "panic", fmt.Sprint(v))
				if sw.status == 0 {
					writeError(sw, errInternal)
				}
			}
			if sw.status >= 500 {
				s.Metrics.Errors5xx.Add(1)
			}
			s.Log.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
				"bytes", sw.bytes, "ms", s.now().Sub(start).Milliseconds(), "remote", r.RemoteAddr)
		}()
		next.ServeHTTP(sw, r)
	})
}

// versioned refuses /v1 requests from a client speaking another protocol
// version with 426 and a message the client shows as is.
func versioned(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get(protocol.Header)
		if got != strconv.Itoa(protocol.Version) {
			if got == "" {
				got = "无"
			}
			writeError(w, apiError{http.StatusUpgradeRequired, protocol.Error{Code: "protocol_version",
				Zh: fmt.Sprintf("客户端同步协议版本（%s）与服务器（%d）不一致，请升级山海外勤客户端后再同步；本机未同步的修改不会丢失。", got, protocol.Version),
				En: fmt.Sprintf("client protocol version %q does not match server version %d; upgrade the client (unsent changes are kept)", r.Header.Get(protocol.Header), protocol.Version)}})
			return
		}
		w.Header().Set(protocol.Header, strconv.Itoa(protocol.Version))
		next.ServeHTTP(w, r)
	})
}

// gzipped inflates gzip request bodies and compresses responses for
// clients that accept it.
func gzipped(next http.Handler) http.Handler {
	// A gzip writer is about a megabyte of tables: a large push or pull
	// answers hundreds of requests, so writers are reused (per handler).
	var writers sync.Pool
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		if strings.EqualFold(r.Header.Get("Content-Encoding"), "gzip") && r.ContentLength != 0 {
			zr, err := gzip.NewReader(r.Body)
			if err != nil {
				writeError(w, badRequest("body is not valid gzip: "+err.Error()))
				return
			}
			defer zr.Close()
			r.Body = http.MaxBytesReader(w, io.NopCloser(zr), maxInflatedBody)
			r.Header.Del("Content-Encoding")
		}
		if !acceptsGzip(r) {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		zw, ok := writers.Get().(*gzip.Writer)
		if ok {
			zw.Reset(w)
		} else {
			zw, _ = gzip.NewWriterLevel(w, gzip.BestSpeed) // a valid level: no error
		}
		defer func() {
			zw.Close()
			zw.Reset(io.Discard) // keep no reference to this response
			writers.Put(zw)
		}()
		next.ServeHTTP(&gzipWriter{ResponseWriter: w, zw: zw}, r)
	})
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.TrimSpace(q) != "q=0" {
			return true
		}
	}
	return false
}

type gzipWriter struct {
	http.ResponseWriter
	zw *gzip.Writer
}

// WriteHeader implements http.ResponseWriter.
func (g *gzipWriter) WriteHeader(code int) {
	g.ResponseWriter.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (g *gzipWriter) Write(b []byte) (int, error) { return g.zw.Write(b) }

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}
