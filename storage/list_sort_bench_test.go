package storage

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

// sortFixturePath copies the 100k fixture and gives every fifth
// enterprise an open follow-up, so the due order has work to do.
func sortFixturePath(b *testing.B) string {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), FileName)
	if err := copyFile(fixturePath(b), path); err != nil {
		b.Fatal(err)
	}
	s, err := Open(ctx, path, Options{Author: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ents, err := s.List(ctx, record.KindEnterprise, ListOptions{})
	if err != nil {
		b.Fatal(err)
	}
	var tasks []record.Record
	for i := 0; i < len(ents); i += 5 {
		due := fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28)
		tasks = append(tasks, &record.Task{EnterpriseID: ents[i].Header().ID, Title: "回访", Due: due})
	}
	if err := s.BulkCreate(ctx, tasks); err != nil {
		b.Fatal(err)
	}
	return path
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// BenchmarkListSortFirstPage lists the first 500-row page (the window's
// page) of 100k enterprises in each order; "id" is the unsorted peer.
func BenchmarkListSortFirstPage(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, sortFixturePath(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, sort := range append([]Sort{SortID}, Sorts...) {
		name := string(sort)
		if name == "" {
			name = "id"
		}
		b.Run(name, func(b *testing.B) {
			for range b.N {
				page, err := s.List(ctx, record.KindEnterprise, ListOptions{Limit: 500, Sort: sort})
				if err != nil || len(page) != 500 {
					b.Fatalf("first page: %d records, %v", len(page), err)
				}
			}
		})
	}
}
