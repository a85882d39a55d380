package fees

import (
	"context"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
)

// OwnStatement is a reader's account as the reader sees it in the public
// catalogue (the actor is the reader acting for themselves,
// auth.ReaderActor): their own only, never anyone else's.
func (s *Service) OwnStatement(ctx context.Context, a auth.Actor, readerID int64) (Statement, error) {
	if a.ReaderID == 0 || a.ReaderID != readerID {
		return Statement{}, apperr.New(apperr.Forbidden, "error.not_your_account")
	}
	return s.statement(ctx, readerID)
}
