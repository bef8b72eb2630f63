// Command mkstore writes a store of synthetic enterprises and contacts
// (package searchtest: the same data as the storage and search
// benchmarks) for measuring the desktop client at scale; see
// scripts/measure-client.sh.
//
// Usage: go run ./scripts/mkstore -n 100000 -dir /tmp/shanhai-100k
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/search/searchtest"
	"github.com/shanhaifield/shanhai/storage"
)

func main() {
	n := flag.Int("n", 100_000, "enterprises (each gets two contacts)")
	dir := flag.String("dir", "", "data folder to create (must not hold a store yet)")
	flag.Parse()
	if err := run(context.Background(), *n, *dir); err != nil {
		slog.Error("mkstore", "err", err)
		os.Exit(1)
	}
}

// chunk is the records per BulkCreate transaction.
const chunk = 10_000

func run(ctx context.Context, n int, dir string) error {
	if dir == "" {
		return fmt.Errorf("-dir: required")
	}
	path := filepath.Join(dir, storage.FileName)
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("-dir: %s already exists", path)
	}
	start := time.Now()
	// With SHANHAI_PASSPHRASE the store is encrypted, as the app and the
	// command line make them; without, plaintext (an old store).
	var pass []byte
	if p := os.Getenv("SHANHAI_PASSPHRASE"); p != "" {
		pass = []byte(p)
	}
	s, err := storage.Open(ctx, path, storage.Options{Author: "mkstore", Passphrase: pass})
	if err != nil {
		return err
	}
	ents := make([]*record.Enterprise, 0, n)
	for _, e := range searchtest.Enterprises(n, 1) {
		ents = append(ents, &record.Enterprise{Name: e.Name, ShortName: e.ShortName, Address: e.Address,
			CreditCode: e.CreditCode, IndustryCode: e.IndustryCode, RegionCode: e.RegionCode})
	}
	if err := bulk(ctx, s, ents); err != nil {
		return err
	}
	people := searchtest.People(2*n, 1)
	cons := make([]*record.Contact, len(people))
	for i, p := range people {
		cons[i] = &record.Contact{EnterpriseID: ents[i%n].ID, Name: p.Name, Title: p.Title, Mobile: p.Mobile}
	}
	if err := bulk(ctx, s, cons); err != nil {
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "mkstore: %d enterprises, %d contacts in %s (%s)\n", n, len(cons), path, time.Since(start).Round(time.Millisecond))
	return nil
}

func bulk[R record.Record](ctx context.Context, s *storage.Store, recs []R) error {
	for len(recs) > 0 {
		k := min(chunk, len(recs))
		batch := make([]record.Record, k)
		for i := range k {
			batch[i] = recs[i]
		}
		if err := s.BulkCreate(ctx, batch); err != nil {
			return fmt.Errorf("bulk create: %w", err)
		}
		recs = recs[k:]
	}
	return nil
}
