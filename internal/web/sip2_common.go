package web

import (
	"net"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/sip2server"
)

// This file holds what the self-service machine screens
// (/staff/sip2/machines, sip2.manage) share: the system administration
// module's links, the machine form, and how a machine reaches Lantai.

// systemLinks are the screens of the system administration module the
// person may open.
func (r *req) systemLinks() []moduleLink {
	if r.Principal == nil {
		return nil
	}
	a := r.Actor()
	var out []moduleLink
	if a.Can(auth.PermSIP2Manage) {
		out = append(out, moduleLink{Href: "/staff/sip2/machines", Label: r.T("sip2.nav.machines"), About: r.T("sip2.nav.machines_about")})
	}
	if a.Can(auth.PermSystemSettings) {
		out = append(out, moduleLink{Href: "/staff/catalog/codes", Label: r.T("catalog.nav.codes"), About: r.T("catalog.home.codes_about")})
	}
	return out
}

// sip2MachinesData is the machines' page and a machine's page.
type sip2MachinesData struct {
	Machines  []sip2server.Machine
	Machine   sip2server.Machine
	Codes     codeBook
	Fieldsets []circFieldset
	Error     string
	// Connect says how a machine reaches Lantai: Addr is --sip2-addr
	// ("" when the SIP2 server is off), Port its port when it listens on
	// every address of the server, TLS whether it speaks TLS.
	Connect sip2Connect
}

// sip2Connect is where machines connect, as the web server was told.
type sip2Connect struct {
	Addr, Port string
	TLS        bool
}

// sip2ConnectOf reads --sip2-addr: a host that is every address of the
// server (0.0.0.0, ::, none) is shown as a port of the server's address.
func sip2ConnectOf(cfg Config) sip2Connect {
	c := sip2Connect{Addr: cfg.SIP2Addr, TLS: cfg.SIP2TLS}
	if host, port, err := net.SplitHostPort(cfg.SIP2Addr); err == nil {
		if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
			c.Port = port
		}
	}
	return c
}

var (
	machineTextFields  = []string{"login", "name", "branch", "location", "institution_id", "charset", "notes"}
	machineCheckFields = []string{"checksums", "enabled"}
)

// machineFormOf writes a machine account as its form; the password is
// never written back.
func machineFormOf(m sip2server.Machine) circForm {
	f := newCircForm()
	v := f.Values
	v["login"], v["name"], v["branch"], v["location"] = m.Login, m.Name, m.Branch, m.Location
	v["institution_id"], v["charset"], v["notes"] = m.InstitutionID, m.Charset, m.Notes
	v["checksums"], v["enabled"] = checkText(m.Checksums), checkText(m.Enabled)
	v["password"] = ""
	return f
}

// parseMachineForm reads the posted machine form. The password is taken
// as typed (not trimmed) and never kept in the form's values.
func parseMachineForm(r *req) (sip2server.MachineInput, circForm) {
	f := newCircForm()
	f.readValues(r, machineTextFields, machineCheckFields)
	v := f.Values
	v["password"] = ""
	in := sip2server.MachineInput{Login: v["login"], Password: r.FormValue("password"), Name: v["name"], Branch: v["branch"],
		Location: v["location"], InstitutionID: v["institution_id"], Charset: v["charset"],
		Checksums: v["checksums"] != "", Enabled: v["enabled"] != "", Notes: v["notes"]}
	if in.Location == "" {
		f.fail("location", r.T("sip2.machine.location_required"))
	}
	return in, f
}

// machineFieldsets builds the machine form; isNew asks for the password,
// else an empty password keeps the old one.
func machineFieldsets(r *req, f circForm, codes codeBook, isNew bool) []circFieldset {
	const prefix = "sip2.machine."
	fd := func(name, kind string) circField { return f.field(r, prefix, name, kind) }
	login, pw := fd("login", "text"), fd("password", "password")
	login.Required, pw.Required = true, isNew
	if !isNew {
		pw.Hint = r.T("sip2.machine.password_keep_hint")
	}
	branch := fd("branch", "select")
	branch.Options = machineCodeOptions(f.Values["branch"], codes.Branches, r.T("sip2.machine.branch_from_location"), func(c catalog.Code) string {
		return c.Name(r.Locale) + " (" + c.Code + ")"
	})
	loc := fd("location", "select")
	loc.Required = true
	loc.Options = machineCodeOptions(f.Values["location"], codes.Locations, r.T("sip2.machine.location_choose"), func(c catalog.Code) string {
		return c.Name(r.Locale) + " (" + c.Code + ") · " + codes.Branch(c.Branch)
	})
	charset := fd("charset", "select")
	charset.Options = choices(f.Values["charset"], []string{"utf-8", "gb18030"}, func(v string) string {
		if v == "gb18030" {
			return r.T("sip2.charset.gb18030")
		}
		return r.T("sip2.charset.utf8")
	})
	return []circFieldset{
		{Legend: r.T("sip2.machine.group_account"), Fields: []circField{login, pw, fd("name", "text"), fd("enabled", "check"), fd("notes", "textarea")}},
		{Legend: r.T("sip2.machine.group_place"), Fields: []circField{branch, loc}},
		{Legend: r.T("sip2.machine.group_protocol"), Fields: []circField{fd("institution_id", "text"), charset, fd("checksums", "check")}},
	}
}

// machineCodeOptions makes a select of codes led by an empty choice; a
// selected code the list does not hold (typed into a crafted form) is kept
// so that its error shows next to it.
func machineCodeOptions(selected string, list []catalog.Code, empty string, label func(catalog.Code) string) []circOption {
	out := []circOption{{Value: "", Label: empty, Selected: selected == ""}}
	known := selected == ""
	for _, c := range list {
		out = append(out, circOption{Value: c.Code, Label: label(c), Selected: c.Code == selected})
		known = known || c.Code == selected
	}
	if !known {
		out = append(out, circOption{Value: selected, Label: selected, Selected: true})
	}
	return out
}

// machineErrorIn places a refusal of the machine service on the form,
// next to the field it names.
func (r *req) machineErrorIn(f *circForm, err error) {
	r.circErrorIn(f, err, "sip2.machine.", func(field string) string { return field })
}
