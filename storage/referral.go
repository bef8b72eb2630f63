package storage

import (
	"context"
	"errors"
	"fmt"

	"github.com/shanhaifield/shanhai/record"
)

// Refer stores a new referral (项目共引) and, in the same transaction,
// marks its enterprise 转介 with the referral as the close reason, so a
// crash can never leave a referral whose enterprise still looks open in the
// sending zone, or the reverse.
func (s *Store) Refer(ctx context.Context, ref *record.Referral) error {
	if ref == nil {
		return errors.New("refer: no referral")
	}
	if err := prepare(ref); err != nil {
		return err
	}
	saved := *ref.Header()
	err := s.write(ctx, func(w *writer) error {
		old, err := w.v.load(w.tx, record.KindEnterprise, ref.EnterpriseID)
		if err != nil {
			return fmt.Errorf("refer: enterprise %s: %w", ref.EnterpriseID, err)
		}
		stamp, mid, err := s.assignMeta(ref, w.now, false)
		if err != nil {
			return err
		}
		n, err := encodeNew(w.v, ref, stamp, mid, w.now, s.author, false)
		if err != nil {
			return err
		}
		if err := w.insert(n); err != nil {
			return fmt.Errorf("refer: %w", err)
		}
		cur, _ := w.v.load(w.tx, record.KindEnterprise, ref.EnterpriseID)
		e := cur.(*record.Enterprise)
		e.Stage = record.StageReferred
		e.CloseReason = "转介至 " + ref.ToZone + "：" + ref.Reason
		if err := prepare(e); err != nil {
			return fmt.Errorf("refer: enterprise %s: %w", ref.EnterpriseID, err)
		}
		if err := w.update(old, e); err != nil && !errors.Is(err, errNoChange) {
			return fmt.Errorf("refer: mark enterprise %s referred: %w", ref.EnterpriseID, err)
		}
		return nil
	})
	if err != nil {
		*ref.Header() = saved // nothing was stored
	}
	return err
}
