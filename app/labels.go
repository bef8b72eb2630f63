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

// referralStatusLabel names a referral status in the interface language.
func referralStatusLabel(s record.ReferralStatus) string {
	switch s {
	case record.ReferralPending:
		return lang.X("referral.pending", "待接收")
	case record.ReferralAccepted:
		return lang.X("referral.accepted", "已接收")
	case record.ReferralLanded:
		return lang.X("referral.landed", "已落地")
	case record.ReferralReturned:
		return lang.X("referral.returned", "已退回")
	}
	return string(s)
}

// legalBasisLabel names a contact's PIPL legal basis.
func legalBasisLabel(b record.LegalBasis) string {
	switch b {
	case record.BasisConsent:
		return lang.X("basis.consent", "本人同意")
	case record.BasisContract:
		return lang.X("basis.contract", "订立或履行合同所必需")
	case record.BasisPublic:
		return lang.X("basis.public", "本人公开的商务联系方式")
	case record.BasisStatutory:
		return lang.X("basis.statutory", "履行法定职责或义务所必需")
	}
	return string(b)
}
