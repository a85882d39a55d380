package readers

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// MaxPhotoBytes bounds a reader's photo.
const MaxPhotoBytes = 2 << 20

// Photo is a reader's photo, shown at the desk to check who borrows.
type Photo struct {
	ContentType string    `json:"content_type"` // image/jpeg or image/png
	Data        []byte    `json:"-"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// SetPhoto stores or replaces a reader's photo, a JPEG or PNG image of at
// most MaxPhotoBytes (circ.readers).
func (s *Service) SetPhoto(ctx context.Context, a auth.Actor, readerID int64, data []byte) error {
	if len(data) > MaxPhotoBytes {
		return invalid("error.photo_too_large", "photo", "MaxKB", MaxPhotoBytes>>10)
	}
	ct := http.DetectContentType(data)
	if ct != "image/jpeg" && ct != "image/png" {
		return invalid("error.photo_invalid", "photo")
	}
	_, err := s.change(ctx, a, readerID, "reader.photo", func(tx *db.Tx, r Reader, c Card) error {
		_, err := tx.Exec(`INSERT INTO reader_photos (reader_id, content_type, data, updated_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (reader_id) DO UPDATE SET content_type = $2, data = $3, updated_at = $4`, r.ID, ct, data, tx.Now)
		return err
	})
	return err
}

// RemovePhoto deletes a reader's photo (circ.readers).
func (s *Service) RemovePhoto(ctx context.Context, a auth.Actor, readerID int64) error {
	_, err := s.change(ctx, a, readerID, "reader.photo_remove", func(tx *db.Tx, r Reader, c Card) error {
		n, err := tx.ExecAffected(`DELETE FROM reader_photos WHERE reader_id = $1`, r.ID)
		if err == nil && n == 0 {
			return notFound("error.photo_not_found", "Card", r.CardNumber)
		}
		return err
	})
	return err
}

// Photo returns a reader's photo (circ.readers, circ.checkout or
// circ.fees); NotFound when there is none.
func (s *Service) Photo(ctx context.Context, a auth.Actor, readerID int64) (Photo, error) {
	if err := canView(a); err != nil {
		return Photo{}, err
	}
	var p Photo
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		r, err := ByID(tx, readerID)
		if err != nil {
			return err
		}
		err = tx.QueryRow(`SELECT content_type, data, updated_at FROM reader_photos WHERE reader_id = $1`, readerID).
			Scan(&p.ContentType, &p.Data, &p.UpdatedAt)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("error.photo_not_found", "Card", r.CardNumber)
		}
		p.UpdatedAt = p.UpdatedAt.UTC()
		return err
	})
	if err != nil {
		return Photo{}, fmt.Errorf("photo of reader %d: %w", readerID, err)
	}
	return p, nil
}
