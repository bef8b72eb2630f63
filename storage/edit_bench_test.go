package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

// BenchmarkEditOne is one hand edit: an Update of one field of one
// enterprise, each its own transaction (with its history entry).
func BenchmarkEditOne(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), FileName), Options{Author: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	e := &record.Enterprise{Name: "示例编辑有限公司"}
	if err := s.Create(ctx, e); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		e.Notes = fmt.Sprintf("第%d次", i)
		if err := s.Update(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
}
