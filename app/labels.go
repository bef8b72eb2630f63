package app

import (
	"fyne.io/fyne/v2/lang"

	"github.com/shanhaifield/shanhai/record"
)

// stageLabel names a pipeline stage in the interface language. The keys
// are spelled out so the translation test can find every one.
func stageLabel(s record.Stage) string {
	switch s {
	case record.StageLead:
		return lang.X("stage.lead", "线索")
	case record.StageVisited:
		return lang.X("stage.visited", "走访")
	case record.StageNegotiating:
		return lang.X("stage.negotiating", "在谈")
	case record.StageSigned:
		return lang.X("stage.signed", "签约")
	case record.StageStarted:
		return lang.X("stage.started", "开工")
	case record.StageProducing:
		return lang.X("stage.producing", "投产")
	case record.StageDropped:
		return lang.X("stage.dropped", "放弃")
	case record.StageReferred:
		return lang.X("stage.referred", "转介")
	}
	return string(s)
}

// kindLabel names a record kind in the interface language.
func kindLabel(k record.Kind) string {
	switch k {
	case record.KindEnterprise:
		return lang.X("kind.enterprise", "企业")
	case record.KindContact:
		return lang.X("kind.contact", "联系人")
	case record.KindVisit:
		return lang.X("kind.visit", "走访记录")
	case record.KindProject:
		return lang.X("kind.project", "项目")
	case record.KindTask:
		return lang.X("kind.task", "待办")
	case record.KindReferral:
		return lang.X("kind.referral", "转介")
	case record.KindScreening:
		return lang.X("kind.screening", "筛查")
	}
	return string(k)
}
