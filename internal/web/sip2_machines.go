package web

import (
	"net/http"
)

// The self-service machines 自助设备 (/staff/sip2/machines, sip2.manage):
// every self-check kiosk, book drop and security gate logs in over SIP2
// (message 93) with its own account, bound to a branch and a location,
// with the character set it speaks and whether it must send checksums.
// The page lists the accounts with their last login, says where machines
// connect, and adds new accounts.

// sip2Machines lists the machine accounts with the form for a new one.
func (s *Server) sip2Machines(r *req) {
	f := newCircForm()
	f.Values["charset"], f.Values["enabled"] = "utf-8", "1"
	s.renderSIP2Machines(r, http.StatusOK, f)
}

func (s *Server) renderSIP2Machines(r *req, status int, f circForm) {
	d := sip2MachinesData{Error: f.summary(r), Connect: sip2ConnectOf(s.cfg)}
	var err error
	if d.Machines, err = s.sip2.List(r.Context(), r.Actor()); err != nil {
		r.fail(err)
		return
	}
	if d.Codes, err = s.loadCodes(r.Context(), r.Locale); err != nil {
		r.fail(err)
		return
	}
	d.Fieldsets = machineFieldsets(r, f, d.Codes, true)
	r.render(status, "sip2_machines", r.T("sip2.machines.title"), d)
}

// sip2MachineCreate adds a machine account.
func (s *Server) sip2MachineCreate(r *req) {
	if !r.parseForm() {
		return
	}
	in, f := parseMachineForm(r)
	if f.failed() {
		s.renderSIP2Machines(r, http.StatusUnprocessableEntity, f)
		return
	}
	m, err := s.sip2.Create(r.Context(), r.Actor(), in)
	if err != nil {
		if !isFormError(err) {
			r.fail(err)
			return
		}
		r.machineErrorIn(&f, err)
		s.renderSIP2Machines(r, formStatus(err), f)
		return
	}
	r.redirect("/staff/sip2/machines?done=flash.sip2_machine_created#machine-" + itoa(m.ID))
}
