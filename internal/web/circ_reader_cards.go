package web

import (
	"lantai.dev/lantai/internal/readers"
)

// The card operations of a reader's page (/staff/circ/readers/{id}/…):
// report the card lost 挂失 — refused at the desk from this moment —,
// unblock it 解挂 when it is found, replace it 补办 with a new number (with
// a card-replacement fee when the person takes fees), extend it to a new
// expiry date, and expire it now. Each is one audited transaction of the
// readers' service (circ.readers).

// circReaderLost reports the reader's card lost.
func (s *Server) circReaderLost(r *req) {
	s.readerAct(r, "lost", func(id int64, f *circForm) error {
		_, err := s.readers.ReportLost(r.Context(), r.Actor(), id, f.Values["lost_note"])
		return err
	})
}

// circReaderUnblock lifts the lost report.
func (s *Server) circReaderUnblock(r *req) {
	s.readerAct(r, "unblock", func(id int64, f *circForm) error {
		_, err := s.readers.Unblock(r.Context(), r.Actor(), id, f.Values["unblock_note"])
		return err
	})
}

// circReaderReplace issues a new card in place of the current one; the
// fee is typed in yuan.
func (s *Server) circReaderReplace(r *req) {
	s.readerAct(r, "replace", func(id int64, f *circForm) error {
		fee := f.fen(r, "replace_fee", 0)
		if f.failed() {
			return nil
		}
		_, err := s.readers.Replace(r.Context(), r.Actor(), id, readers.Replacement{NewNumber: f.Values["new_number"], FeeFen: fee,
			Note: f.Values["replace_note"]})
		return err
	})
}

// circReaderExtend sets a new expiry date.
func (s *Server) circReaderExtend(r *req) {
	s.readerAct(r, "extend", func(id int64, f *circForm) error {
		_, err := s.readers.Extend(r.Context(), r.Actor(), id, f.Values["expires_on"])
		return err
	})
}

// circReaderExpire ends the card now.
func (s *Server) circReaderExpire(r *req) {
	s.readerAct(r, "expire", func(id int64, f *circForm) error {
		_, err := s.readers.Expire(r.Context(), r.Actor(), id, f.Values["expire_note"])
		return err
	})
}
