package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/rulepack"
	"github.com/shanhaifield/shanhai/screening"
	"github.com/shanhaifield/shanhai/storage"
)

const checkUsage = "check [--zone Z]… [--paired | --all] (--enterprise ID [--project-id P] | --project FILE.json | --rerun SCREENING-ID) [--rules DIR] [--no-save] [--json]"

// zoneList collects repeated --zone flags (also comma-separated).
type zoneList []string

func (z *zoneList) String() string { return strings.Join(*z, ",") }

// Set implements flag.Value.
func (z *zoneList) Set(v string) error {
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '，' }) {
		if part = strings.TrimSpace(part); part != "" {
			*z = append(*z, part)
		}
	}
	return nil
}

// checkArgs is the parsed check command line.
type checkArgs struct {
	zones      zoneList
	paired     bool
	all        bool
	enterprise string
	projectID  string
	file       string
	rerun      string
	rules      string
	noSave     bool
	asJSON     bool
}

// runCheck screens a candidate against zones and prints the verdict table.
// A stored enterprise's run is kept as a screening record so it can be
// shown and re-run later.
func runCheck(s *session, args []string) error {
	var a checkArgs
	fs := newFlagSet("check")
	fs.Var(&a.zones, "zone", "开发区（可重复）/ zone id, repeatable")
	fs.BoolVar(&a.paired, "paired", false, "加上结对开发区 / add the paired zones")
	fs.BoolVar(&a.all, "all", false, "全部开发区 / every zone in the rule pack")
	fs.StringVar(&a.enterprise, "enterprise", "", "企业 ID / enterprise ID")
	fs.StringVar(&a.projectID, "project-id", "", "项目 ID（默认该企业第一个项目）/ project ID")
	fs.StringVar(&a.file, "project", "", "候选项目 JSON 文件 / candidate JSON file")
	fs.StringVar(&a.rerun, "rerun", "", "按当前规则包重跑已存的筛查并显示变化 / re-run a stored screening and show what changed")
	fs.StringVar(&a.rules, "rules", "", "规则包文件或目录（默认内置）/ rule pack file or folder")
	fs.BoolVar(&a.noSave, "no-save", false, "不保存筛查结果 / do not store the result")
	fs.BoolVar(&a.asJSON, "json", false, "输出 JSON / print JSON")
	pos, err := s.parse(fs, args, checkUsage)
	if err != nil {
		return err
	}
	if err := noArgs(pos, checkUsage); err != nil {
		return err
	}
	if sources := btoi(a.enterprise != "") + btoi(a.file != "") + btoi(a.rerun != ""); sources != 1 {
		return usageErrorf("需要 --enterprise、--project 或 --rerun 之一 / give exactly one of --enterprise, --project or --rerun")
	}
	pack, err := loadPack(s, a.rules)
	if err != nil {
		return err
	}
	if a.rerun != "" {
		return rerunScreening(s, pack, a)
	}
	if a.file != "" {
		c, err := readCandidateFile(a.file)
		if err != nil {
			return err
		}
		return s.printScreening(a, screenZones(pack, c, a))
	}
	return s.withStore(func(st *storage.Store) error {
		c, err := storedCandidate(s, st, a.enterprise, a.projectID)
		if err != nil {
			return err
		}
		results := screenZones(pack, c, a)
		if results == nil {
			return s.printScreening(a, nil)
		}
		if !a.noSave {
			rec, err := screening.NewRecord(results)
			if err != nil {
				return err
			}
			if err := st.Create(s.ctx, rec); err != nil {
				return fmt.Errorf("save screening: %w", err)
			}
			s.log.Debug("screening saved", "id", rec.ID)
		}
		return s.printScreening(a, results)
	})
}

// loadPack returns the active rule pack (see activePack), or the one at
// path.
func loadPack(s *session, path string) (*rulepack.Pack, error) {
	if path == "" {
		p, _, err := activePack(s)
		return p, err
	}
	p, err := rulepack.LoadFile(s.ctx, path)
	if err != nil {
		return nil, fmt.Errorf("rule pack %s: %w", path, err)
	}
	return p, nil
}

// screenZones picks the zones the flags name and screens c against them.
func screenZones(p *rulepack.Pack, c screening.Candidate, a checkArgs) []screening.Result {
	var ids []string
	switch {
	case a.all:
		ids = screening.AllZones(p)
	default:
		ids = append(ids, a.zones...)
		if len(ids) == 0 && c.Enterprise != nil && c.Enterprise.ZoneID != "" {
			ids = append(ids, c.Enterprise.ZoneID)
		}
		if a.paired {
			for _, id := range append([]string(nil), ids...) {
				for _, z := range p.Paired(id) {
					if !slices.Contains(ids, z.ID) {
						ids = append(ids, z.ID)
					}
				}
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return screening.Screen(p, c, ids)
}

// storedCandidate loads an enterprise and one of its projects.
func storedCandidate(s *session, st *storage.Store, entID, projectID string) (screening.Candidate, error) {
	var c screening.Candidate
	rec, err := st.Get(s.ctx, entID)
	if err != nil {
		return c, fmt.Errorf("check: enterprise %s: %w", entID, err)
	}
	e, ok := rec.(*record.Enterprise)
	if !ok {
		return c, fmt.Errorf("check: %s is a %s, not an enterprise", entID, rec.Kind())
	}
	c.Enterprise = e
	if projectID != "" {
		rec, err := st.Get(s.ctx, projectID)
		if err != nil {
			return c, fmt.Errorf("check: project %s: %w", projectID, err)
		}
		p, ok := rec.(*record.Project)
		if !ok || p.EnterpriseID != entID {
			return c, fmt.Errorf("check: %s is not a project of enterprise %s", projectID, entID)
		}
		c.Project = p
		return c, nil
	}
	projects, err := st.List(s.ctx, record.KindProject, storage.ListOptions{Enterprise: entID, Limit: 1})
	if err != nil {
		return c, fmt.Errorf("check: projects of %s: %w", entID, err)
	}
	if len(projects) > 0 {
		c.Project = projects[0].(*record.Project)
	}
	return c, nil
}

// readCandidateFile reads {"enterprise": {...}, "project": {...}}, or a
// bare project object.
func readCandidateFile(path string) (screening.Candidate, error) {
	var c screening.Candidate
	b, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("candidate file: %w", err)
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(b, &probe); err != nil {
		return c, fmt.Errorf("candidate file %s: not a JSON object: %w", path, err)
	}
	_, hasEnt := probe["enterprise"]
	_, hasProj := probe["project"]
	if hasEnt || hasProj {
		if err := json.Unmarshal(b, &c); err != nil {
			return c, fmt.Errorf("candidate file %s: %w", path, err)
		}
	} else {
		c.Project = &record.Project{}
		if err := json.Unmarshal(b, c.Project); err != nil {
			return c, fmt.Errorf("candidate file %s: project: %w", path, err)
		}
	}
	if c.Enterprise == nil && c.Project == nil {
		return c, errors.New("candidate file " + path + ": neither enterprise nor project given")
	}
	return c, nil
}

// printScreening writes the verdict table, best fit first.
func (s *session) printScreening(a checkArgs, results []screening.Result) error {
	if results == nil {
		return usageErrorf("没有要筛查的开发区：请用 --zone、--paired 或 --all / no zones to screen: use --zone, --paired or --all")
	}
	if a.asJSON {
		return writeJSON(s.stdout, results)
	}
	first := results[0]
	fmt.Fprintf(s.stdout, "规则包 / rule pack %s（%s）\n", first.PackVersion, first.PackDate)
	var t table
	t.add("开发区", "结论", "得分")
	for _, r := range results {
		t.add(r.ZoneName+" ("+r.ZoneID+")", r.Verdict.Chinese()+" / "+string(r.Verdict), fmt.Sprintf("%.0f", r.Score))
	}
	if err := t.write(s.stdout); err != nil {
		return err
	}
	for _, r := range results {
		fmt.Fprintf(s.stdout, "\n%s：%s\n", r.ZoneName, r.Verdict.Chinese())
		var rt table
		for _, rr := range r.Rules {
			rt.add("  "+outcomeMark(rr.Outcome), rr.Zh)
		}
		if err := rt.write(s.stdout); err != nil {
			return err
		}
	}
	return nil
}

// outcomeMark is a short, colour-free mark for a rule outcome.
func outcomeMark(o screening.Outcome) string {
	marks := map[screening.Outcome]string{
		screening.Pass: "✓ 通过", screening.Warn: "! 提示", screening.Fail: "✗ 不通过", screening.Missing: "? 数据不足",
	}
	if m, ok := marks[o]; ok {
		return m
	}
	return string(o)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// rerunScreening screens a stored run's inputs again under pack and prints
// what changed per zone; the new run is stored unless --no-save.
func rerunScreening(s *session, pack *rulepack.Pack, a checkArgs) error {
	return s.withStore(func(st *storage.Store) error {
		rec, err := st.Get(s.ctx, a.rerun)
		if err != nil {
			return fmt.Errorf("rerun %s: %w", a.rerun, err)
		}
		old, ok := rec.(*record.Screening)
		if !ok {
			return &bilingualError{zh: fmt.Sprintf("%s 是%s，不是筛查记录", a.rerun, kindZh(rec.Kind())),
				en: fmt.Sprintf("rerun %s: a %s, not a screening", a.rerun, rec.Kind())}
		}
		c, before, err := screening.FromRecord(old)
		if err != nil {
			return err
		}
		after := screening.Screen(pack, c, old.Zones)
		if !a.noSave {
			next, err := screening.NewRecord(after)
			if err != nil {
				return err
			}
			if err := st.Create(s.ctx, next); err != nil {
				return fmt.Errorf("save screening: %w", err)
			}
		}
		return s.printRerun(a, before, after)
	})
}

// zoneChanges is what changed for one zone between two runs.
type zoneChanges struct {
	ZoneID  string             `json:"zone_id"`
	Changes []screening.Change `json:"changes"`
}

func (s *session) printRerun(a checkArgs, before, after []screening.Result) error {
	old := map[string]screening.Result{}
	for _, r := range before {
		old[r.ZoneID] = r
	}
	var all []zoneChanges
	for _, r := range after {
		all = append(all, zoneChanges{ZoneID: r.ZoneID, Changes: screening.Diff(old[r.ZoneID], r)})
	}
	if a.asJSON {
		return writeJSON(s.stdout, all)
	}
	if len(before) > 0 && len(after) > 0 {
		fmt.Fprintf(s.stdout, "规则包 / rule pack %s → %s\n", before[0].PackVersion, after[0].PackVersion)
	}
	for i, zc := range all {
		fmt.Fprintf(s.stdout, "%s（%s）：", after[i].ZoneName, zc.ZoneID)
		if len(zc.Changes) == 0 {
			fmt.Fprintln(s.stdout, "无变化 / unchanged")
			continue
		}
		fmt.Fprintln(s.stdout)
		for _, ch := range zc.Changes {
			fmt.Fprintf(s.stdout, "  %s\n", ch.Zh)
		}
	}
	return nil
}
