package cli

import (
	"fmt"
	"path/filepath"

	"github.com/shanhaifield/shanhai/rulepack"
)

const rulesUsage = "rules [show] | rules import FILE|DIR [--force]"

// runRules shows the active rule pack or imports a newer one.
func runRules(s *session, args []string) error {
	if len(args) == 0 || args[0] == "show" {
		return showRules(s)
	}
	if args[0] != "import" {
		return usageErrorf("未知子命令 %q / unknown subcommand; usage: shanhai %s", args[0], rulesUsage)
	}
	fs := newFlagSet("rules import")
	force := fs.Bool("force", false, "允许导入较旧的规则包 / allow an older pack")
	pos, err := s.parse(fs, args[1:], rulesUsage)
	if err != nil {
		return err
	}
	path, err := oneArg(pos, "规则包文件或目录", "rule pack file or folder", rulesUsage)
	if err != nil {
		return err
	}
	if err := checkRoleAt(s, permRules); err != nil {
		return err
	}
	next, err := rulepack.LoadFile(s.ctx, path)
	if err != nil {
		return &bilingualError{zh: "规则包无效：" + err.Error(), en: "invalid rule pack: " + err.Error()}
	}
	cur, _, err := activePack(s)
	if err != nil {
		return err
	}
	if rulepack.Later(cur.Date, cur.Version, next.Date, next.Version) && !*force {
		return &bilingualError{
			zh: fmt.Sprintf("要导入的规则包 %s（%s）比当前的 %s（%s）旧；确需导入请加 --force", next.Version, next.Date, cur.Version, cur.Date),
			en: fmt.Sprintf("pack %s (%s) is older than the active %s (%s); use --force to import it anyway", next.Version, next.Date, cur.Version, cur.Date)}
	}
	if err := rulepack.SaveFile(s.ctx, filepath.Join(s.g.DataDir, rulepack.ImportedFile), next); err != nil {
		return err
	}
	_, err = fmt.Fprintf(s.stdout, "已导入规则包 / imported rule pack %s（%s），%d 个开发区 / zones\n", next.Version, next.Date, len(next.Zones()))
	return err
}

func showRules(s *session) error {
	p, from, err := activePack(s)
	if err != nil {
		return err
	}
	var t table
	t.add("规则包版本 / version", p.Version)
	t.add("日期 / date", p.Date)
	t.add("来源 / from", from)
	t.add("开发区 / zones", fmt.Sprint(len(p.Zones())))
	return t.write(s.stdout)
}

// activePack returns the rule pack in force for this data folder (see
// rulepack.Active) and says where it came from.
func activePack(s *session) (*rulepack.Pack, string, error) {
	path := filepath.Join(s.g.DataDir, rulepack.ImportedFile)
	p, imported, err := rulepack.Active(s.ctx, path)
	if err != nil || !imported {
		return p, "内置 / built in", err
	}
	return p, path, nil
}
