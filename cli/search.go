package cli

import (
	"fmt"
	"strings"

	"github.com/shanhaifield/shanhai/storage"
)

const searchUsage = "search QUERY [--limit N] [--json]"

// runSearch finds enterprises and contacts by name, short name, pinyin
// initials, credit code or mobile.
func runSearch(s *session, args []string) error {
	fs := newFlagSet("search")
	limit := fs.Int("limit", 20, "最多条数 / at most N hits")
	asJSON := fs.Bool("json", false, "输出 JSON / print JSON")
	pos, err := s.parse(fs, args, searchUsage)
	if err != nil {
		return err
	}
	query := strings.TrimSpace(strings.Join(pos, " "))
	if query == "" {
		return usageErrorf("search 需要查询词 / search needs a query; usage: shanhai %s", searchUsage)
	}
	if *limit <= 0 {
		return usageErrorf("--limit 应为正数 / --limit must be positive")
	}
	return s.withStore(func(st *storage.Store) error {
		hits, err := st.Search(s.ctx, query, *limit)
		if err != nil {
			return fmt.Errorf("search %q: %w", query, err)
		}
		if *asJSON {
			if hits == nil {
				hits = []storage.Hit{}
			}
			return writeJSON(s.stdout, hits)
		}
		if len(hits) == 0 {
			_, err := fmt.Fprintf(s.stdout, "没有找到「%s」/ no match for %q\n", query, query)
			return err
		}
		var t table
		t.add("类型", "ID", "名称", "匹配")
		for _, h := range hits {
			t.add(kindZh(h.Kind), h.ID, clip(h.Title, 40), clip(h.Sub, 40))
		}
		return t.write(s.stdout)
	})
}
