package api

import (
	"io"
	"net/http"
	"strconv"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/readers"
)

// A reader's photo under /readers/{id}/photo: the JPEG or PNG image itself
// as the body, not JSON.

// readerPhoto answers the photo's bytes.
func (s *Server) readerPhoto(c *call, w http.ResponseWriter) error {
	id, err := c.pathID("id")
	if err != nil {
		return err
	}
	p, err := s.readers.Photo(c.Context(), c.actor, id)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", p.ContentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(p.Data)))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Last-Modified", p.UpdatedAt.Format(http.TimeFormat))
	_, err = w.Write(p.Data)
	if err != nil {
		s.log.Debug("photo write", "err", err)
	}
	return nil
}

// setReaderPhoto stores the image that is the request body.
func (s *Server) setReaderPhoto(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	data, err := io.ReadAll(io.LimitReader(c.Body, readers.MaxPhotoBytes+1))
	if err != nil {
		return 0, nil, apperr.New(apperr.Invalid, "error.upload_failed").WithField("photo")
	}
	if err := s.readers.SetPhoto(c.Context(), c.actor, id, data); err != nil {
		return 0, nil, err
	}
	r, err := s.readers.Get(c.Context(), c.actor, id)
	return http.StatusOK, r, err
}

func (s *Server) deleteReaderPhoto(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	if err := s.readers.RemovePhoto(c.Context(), c.actor, id); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, nil
}
