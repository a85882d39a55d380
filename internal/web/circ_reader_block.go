package web

// Blocking a reader 停借 (/staff/circ/readers/{id}/block): no loans until
// the block is lifted (…/lift-block); a reason is required and shown on
// the reader's page (circ.readers).

// circReaderBlock blocks the reader.
func (s *Server) circReaderBlock(r *req) {
	s.readerAct(r, "block", func(id int64, f *circForm) error {
		_, err := s.readers.Block(r.Context(), r.Actor(), id, f.Values["block_reason"])
		return err
	})
}

// circReaderLiftBlock lifts the block.
func (s *Server) circReaderLiftBlock(r *req) {
	s.readerAct(r, "lift_block", func(id int64, f *circForm) error {
		_, err := s.readers.LiftBlock(r.Context(), r.Actor(), id)
		return err
	})
}
