package web

import (
	"net/http"

	"lantai.dev/lantai/internal/apperr"
)

// A self-service machine's account (/staff/sip2/machines/{id},
// sip2.manage): its form — an empty password keeps the old one — with
// when it was made, changed and last logged in. Unticking "enabled"
// disables the machine: its next login is refused.

// sip2Machine shows a machine account for changing.
func (s *Server) sip2Machine(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	s.renderSIP2Machine(r, http.StatusOK, id, nil)
}

func (s *Server) renderSIP2Machine(r *req, status int, id int64, f *circForm) {
	var d sip2MachinesData
	var err error
	if d.Machine, err = s.sip2.Get(r.Context(), r.Actor(), id); err != nil {
		r.fail(err)
		return
	}
	if d.Codes, err = s.loadCodes(r.Context(), r.Locale); err != nil {
		r.fail(err)
		return
	}
	form := machineFormOf(d.Machine)
	if f != nil {
		form = *f
	}
	d.Error = form.summary(r)
	d.Fieldsets = machineFieldsets(r, form, d.Codes, false)
	r.render(status, "sip2_machine", r.T("sip2.machine.title", "Login", d.Machine.Login), d)
}

// sip2MachineUpdate changes a machine account.
func (s *Server) sip2MachineUpdate(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	in, f := parseMachineForm(r)
	if f.failed() {
		s.renderSIP2Machine(r, http.StatusUnprocessableEntity, id, &f)
		return
	}
	if _, err := s.sip2.Update(r.Context(), r.Actor(), id, in); err != nil {
		if !isFormError(err) || apperr.Is(err, apperr.NotFound) {
			r.fail(err)
			return
		}
		r.machineErrorIn(&f, err)
		s.renderSIP2Machine(r, formStatus(err), id, &f)
		return
	}
	r.redirect("/staff/sip2/machines?done=flash.sip2_machine_saved#machine-" + itoa(id))
}
