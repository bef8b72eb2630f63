package client

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

// The two benchmarks below are the floor under BenchmarkInitialPull: how
// fast this machine moves the same bytes over loopback HTTP, and how fast
// bbolt writes what the pull stores, with nothing else done.

// BenchmarkLimitRawTransfer serves the gzip pull pages of n records, as
// the server sent them, from memory and reads them over loopback HTTP
// without decompressing or decoding: the transfer part of a pull.
func BenchmarkLimitRawTransfer(b *testing.B) {
	n := benchN()
	srv := seededServer(b, n)
	ctx := context.Background()
	_, st := emptyLaptop(b, srv, protocol.MaxPage)
	ss, err := st.SyncState(ctx)
	if err != nil {
		b.Fatal(err)
	}
	st.Close()
	var pages [][]byte
	for cursor, more := uint64(0), true; more; {
		body := rawGet(b, srv.url()+"/v1/pull?after="+strconv.FormatUint(cursor, 10)+"&limit="+strconv.Itoa(protocol.MaxPage), ss.Token)
		var page protocol.PullResponse
		if err := gunzipJSON(body, &page); err != nil {
			b.Fatal(err)
		}
		pages = append(pages, body)
		cursor, more = page.NextCursor, page.HasMore
	}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, _ := strconv.Atoi(r.URL.Query().Get("page"))
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(pages[i])
	}))
	defer hs.Close()
	b.ResetTimer()
	for range b.N {
		start, wire := time.Now(), 0
		for i := range pages {
			wire += len(rawGet(b, hs.URL+"/?page="+strconv.Itoa(i), ""))
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "docs/s")
		b.ReportMetric(float64(wire)/float64(n), "wire-B/doc")
	}
}

// rawGet reads a response body as sent (gzip stays gzip).
func rawGet(b *testing.B, url, token string) []byte {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set(protocol.Header, strconv.Itoa(protocol.Version))
	req.Header.Set("Accept-Encoding", "gzip") // set by hand: the transport leaves the body compressed
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		b.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return body
}

// BenchmarkLimitBoltWrite writes every key and value an initial pull of n
// records leaves in the client store into a fresh bbolt file, in as many
// transactions as the pull has pages, keys in sorted order, each commit
// synced as the store's are: the storage part of a pull.
func BenchmarkLimitBoltWrite(b *testing.B) {
	n := benchN()
	srv := seededServer(b, n)
	ctx := context.Background()
	c, st := emptyLaptop(b, srv, protocol.MaxPage)
	if _, err := c.Sync(ctx); err != nil {
		b.Fatal(err)
	}
	path := st.Path()
	st.Close()
	type kv struct{ bucket, k, v []byte }
	var all []kv
	src, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	src.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error {
			return bk.ForEach(func(k, v []byte) error {
				if v != nil { // nested buckets are left out
					all = append(all, kv{bytes.Clone(name), bytes.Clone(k), bytes.Clone(v)})
					size += len(k) + len(v)
				}
				return nil
			})
		})
	})
	src.Close()
	pages := (n + protocol.MaxPage - 1) / protocol.MaxPage
	per := (len(all) + pages - 1) / pages
	b.ResetTimer()
	for i := range b.N {
		// The client store's settings (storage.boltOptions): map freelist,
		// 16 KiB pages, fsync on.
		db, err := bolt.Open(filepath.Join(b.TempDir(), fmt.Sprintf("limit%d.db", i)), 0o600,
			&bolt.Options{FreelistType: bolt.FreelistMapType, PageSize: 16 << 10})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		for lo := 0; lo < len(all); lo += per {
			chunk := slices.Clone(all[lo:min(len(all), lo+per)])
			slices.SortFunc(chunk, func(x, y kv) int {
				if c := bytes.Compare(x.bucket, y.bucket); c != 0 {
					return c
				}
				return bytes.Compare(x.k, y.k)
			})
			err := db.Update(func(tx *bolt.Tx) error {
				for _, e := range chunk {
					bk, err := tx.CreateBucketIfNotExists(e.bucket)
					if err != nil {
						return err
					}
					if err := bk.Put(e.k, e.v); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "docs/s")
		b.ReportMetric(float64(size)/float64(n), "stored-B/doc")
		db.Close()
	}
}

func gunzipJSON(body []byte, v any) error {
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return err
	}
	return json.NewDecoder(zr).Decode(v)
}
