package app

import (
	"context"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ScreenRetention is 个人信息保留期审查, reached from 设置 and 待办.
const ScreenRetention Screen = "retention"

// RetentionFlag is one contact to review: its enterprise closed longer
// ago than its zone keeps personal data, no legal basis is recorded, or
// the consent is older than the period.
type RetentionFlag struct {
	ContactID, Contact       string
	EnterpriseID, Enterprise string
	// Zone is the enterprise's zone: a manager erases only in their own.
	Zone string
	// Reason says why in Chinese, ReasonEn in English (several reasons
	// of one contact joined into one line).
	Reason, ReasonEn string
}

// reason is the flag's reason in the interface language.
func (f RetentionFlag) reason() string {
	if englishUI() && f.ReasonEn != "" {
		return f.ReasonEn
	}
	return f.Reason
}

// Retention reviews the kept personal data and erases it for real;
// cmd/shanhai adapts the retention package and the store's Erase.
type Retention interface {
	// Review lists the contacts due for deletion.
	Review(ctx context.Context) ([]RetentionFlag, error)
	// Erase deletes a contact's personal data for real, here and, after
	// the next sync, on the server. It cannot be undone.
	Erase(ctx context.Context, contactID string) error
}

// retentionScreen lists the flagged contacts with 删除 per contact and
// for a selection; only managers and admins get the buttons.
type retentionScreen struct {
	ctx       context.Context
	svc       Retention
	window    fyne.Window
	body      *fyne.Container
	note      *widget.Label
	eraseSel  *widget.Button
	back      *widget.Button
	flags     []RetentionFlag
	checks    map[string]*widget.Check  // contact ID → its box, for tests
	erases    map[string]*widget.Button // contact ID → its 删除, for tests
	confirm   *dialog.ConfirmDialog     // the open confirmation, for tests
	confirmed *widget.Label             // its text, for tests
	perm      permissions
	content   fyne.CanvasObject
	onErased  func()
	onDialog  func(dialog.Dialog)
	bg        func(work func(context.Context) error, done func(error))
	selection map[string]bool
}

func newRetentionScreen(ctx context.Context, svc Retention, w fyne.Window) *retentionScreen {
	s := &retentionScreen{ctx: ctx, svc: svc, window: w, body: container.NewVBox(), note: wrapLabel(""), perm: permissionsOf(nil)}
	title := widget.NewLabelWithStyle(lang.X("retention.title", "个人信息保留期审查"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	intro := wrapLabel(lang.X("retention.intro", "以下联系人的个人信息需要复核：所属企业关闭已超过本区保留期限，或未记录合法性基础，或同意已超过保留期限（《个人信息保护法》第十三条、第十九条、第四十七条）。核对后，可在联系人表单中补录依据，或在此彻底删除。"))
	s.eraseSel = widget.NewButtonWithIcon(lang.X("retention.erase_selected", "删除所选"), theme.DeleteIcon(), s.eraseSelected)
	s.eraseSel.Importance = widget.DangerImportance
	s.back = widget.NewButtonWithIcon(lang.X("nav.back", "返回"), theme.NavigateBackIcon(), nil)
	top := container.NewVBox(container.NewHBox(s.back, title), intro, s.note, container.NewHBox(layout.NewSpacer(), s.eraseSel))
	s.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(s.body))
	return s
}

// reload lists the flagged contacts again. The review reads every
// contact and enterprise, which takes a while on a large store, so it
// runs in the background.
func (s *retentionScreen) reload() { s.reloadSaying("") }

// reloadSaying reloads and then shows msg, when not empty, in place of
// the note about the list.
func (s *retentionScreen) reloadSaying(msg string) {
	showText(s.note, lang.X("retention.loading", "正在审查…"))
	var flags []RetentionFlag
	s.bg(func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, reviewTimeout)
		defer cancel()
		var err error
		flags, err = s.svc.Review(ctx)
		return err
	}, func(err error) {
		s.show(flags, err)
		if msg != "" && err == nil {
			showText(s.note, msg)
		}
	})
}

// reviewTimeout bounds one review of every contact.
const reviewTimeout = time.Minute

// show lists flags, or says why there are none.
func (s *retentionScreen) show(flags []RetentionFlag, err error) {
	s.flags, s.checks, s.erases, s.selection = flags, map[string]*widget.Check{}, map[string]*widget.Button{}, map[string]bool{}
	s.body.Objects = nil
	showText(s.note, "")
	switch {
	case err != nil:
		slog.Error("retention review", "err", err)
		showText(s.note, lang.X("retention.error", "审查失败：{{.Error}}", map[string]any{"Error": err.Error()}))
	case len(flags) == 0:
		showText(s.note, lang.X("retention.none", "没有需要复核的联系人。"))
	case !s.perm.erase:
		showText(s.note, lang.X("retention.staff", "删除个人信息需由本区管理员操作；招商人员只能查看。"))
	}
	for _, f := range flags {
		s.body.Add(s.row(f))
	}
	s.eraseSel.Hidden = len(s.erases) == 0
	s.eraseSel.Disable()
	s.body.Refresh()
	s.eraseSel.Refresh()
}

// row shows one flagged contact with its reason and actions.
func (s *retentionScreen) row(f RetentionFlag) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(f.Contact+" · "+f.Enterprise, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	reason := wrapLabel(f.reason())
	if !s.perm.erase {
		return container.NewVBox(head, reason, widget.NewSeparator())
	}
	if !s.perm.inZone(f.Zone) {
		// Another zone's manager erases it; a disabled box keeps the
		// rows aligned and says it cannot be picked.
		box := widget.NewCheck("", nil)
		box.Disable()
		other := widget.NewLabel(lang.X("retention.other_zone", "由所属开发区管理员删除"))
		other.Importance = widget.LowImportance
		return container.NewVBox(container.NewBorder(nil, nil, box, other, container.NewVBox(head, reason)), widget.NewSeparator())
	}
	id := f.ContactID
	check := widget.NewCheck("", func(on bool) {
		s.selection[id] = on
		s.updateSelection()
	})
	erase := widget.NewButtonWithIcon(lang.X("retention.erase", "删除"), theme.DeleteIcon(), func() { s.askErase([]string{id}) })
	erase.Importance = widget.DangerImportance
	s.checks[id], s.erases[id] = check, erase
	return container.NewVBox(container.NewBorder(nil, nil, check, container.NewCenter(erase), container.NewVBox(head, reason)), widget.NewSeparator())
}

// updateSelection enables 删除所选 while something is ticked.
func (s *retentionScreen) updateSelection() {
	if len(s.selected()) > 0 {
		s.eraseSel.Enable()
	} else {
		s.eraseSel.Disable()
	}
}

// selected returns the ticked contact IDs in list order.
func (s *retentionScreen) selected() []string {
	var ids []string
	for _, f := range s.flags {
		if s.selection[f.ContactID] {
			ids = append(ids, f.ContactID)
		}
	}
	return ids
}

func (s *retentionScreen) eraseSelected() { s.askErase(s.selected()) }

// askErase confirms, saying plainly that deletion is final, then erases.
func (s *retentionScreen) askErase(ids []string) {
	if len(ids) == 0 || !s.perm.erase {
		return
	}
	msg := wrapLabel(lang.X("retention.confirm", "将彻底删除{{.Count}}位联系人的个人信息（姓名、手机、微信等）。删除无法撤销；下次同步后，服务器上的也会删除。",
		map[string]any{"Count": len(ids)}))
	s.confirmed = msg
	s.confirm = dialog.NewCustomConfirm(lang.X("retention.confirm_title", "彻底删除个人信息"), lang.X("retention.erase", "删除"),
		lang.X("form.cancel", "取消 (Esc)"), msg, func(ok bool) {
			if ok {
				s.erase(ids)
			}
		}, s.window)
	s.confirm.SetConfirmImportance(widget.DangerImportance)
	s.confirm.Resize(fyne.NewSize(460, s.confirm.MinSize().Height))
	s.confirm.Show()
	if s.onDialog != nil {
		s.onDialog(s.confirm)
	}
}

// erase deletes each contact in the background and reports the first
// failure; the ones done stay done.
func (s *retentionScreen) erase(ids []string) {
	s.eraseSel.Disable()
	showText(s.note, lang.X("retention.erasing", "正在删除…"))
	done := 0
	s.bg(func(ctx context.Context) error {
		for _, id := range ids {
			if err := s.svc.Erase(ctx, id); err != nil {
				return err
			}
			done++
		}
		return nil
	}, func(err error) {
		slog.Info("retention erase", "asked", len(ids), "erased", done, "err", err)
		msg := lang.X("retention.erased", "已删除{{.Done}}位联系人的个人信息，下次同步时服务器上的也会删除。", map[string]any{"Done": done})
		if err != nil {
			msg = lang.X("retention.erase_failed", "已删除{{.Done}}位，其余删除失败：{{.Error}}", map[string]any{"Done": done, "Error": err.Error()})
		}
		s.reloadSaying(msg)
		if s.onErased != nil {
			s.onErased()
		}
	})
}
