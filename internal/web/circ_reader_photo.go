package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/readers"
)

// A reader's photo (/staff/circ/readers/{id}/photo): shown on the reader's
// page so that the desk can check who borrows; uploaded as a JPEG or PNG
// image (circ.readers) and removed again.

// circReaderPhoto answers the photo's bytes.
func (s *Server) circReaderPhoto(r *req) {
	if !r.readerView() {
		return
	}
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	p, err := s.readers.Photo(r.Context(), r.Actor(), id)
	if err != nil {
		r.fail(err)
		return
	}
	h := r.w.Header()
	h.Set("Content-Type", p.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(p.Data)))
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	r.w.Write(p.Data)
}

// circReaderPhotoUpload stores the uploaded photo.
func (s *Server) circReaderPhotoUpload(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	data, err := readUpload(r, "photo", readers.MaxPhotoBytes)
	if err == nil {
		err = s.readers.SetPhoto(r.Context(), r.Actor(), id, data)
	}
	if err != nil {
		if !isFormError(err) || isReaderMissing(err) {
			r.fail(err)
			return
		}
		f := newCircForm()
		f.Values["photo"] = ""
		r.readerErrorIn(&f, err, "circ.reader.", fieldMap(nil))
		s.renderReader(r, formStatus(err), id, &readerFailed{Code: "photo", Form: f})
		return
	}
	r.redirect(readerPath(id) + "?done=flash.reader_photo")
}

// circReaderPhotoRemove deletes the photo.
func (s *Server) circReaderPhotoRemove(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	if err := s.readers.RemovePhoto(r.Context(), r.Actor(), id); err != nil {
		r.fail(err)
		return
	}
	r.redirect(readerPath(id) + "?done=flash.reader_photo_removed")
}

// readUpload reads the file of the multipart form's field name, of at most
// max bytes (more is refused by the service that checks it: one byte more
// is read to tell).
func readUpload(r *req, name string, max int64) ([]byte, error) {
	r.Body = http.MaxBytesReader(r.w, r.Body, max+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "error.upload_empty").WithField(name)
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, apperr.New(apperr.Invalid, "error.upload_empty").WithField(name)
		}
		if err != nil {
			return nil, apperr.New(apperr.Invalid, "error.upload_failed").WithField(name)
		}
		if part.FormName() != name {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, max+1))
		if err != nil {
			return nil, apperr.New(apperr.Invalid, "error.upload_failed").WithField(name)
		}
		if len(data) == 0 {
			return nil, apperr.New(apperr.Invalid, "error.upload_empty").WithField(name)
		}
		return data, nil
	}
}
