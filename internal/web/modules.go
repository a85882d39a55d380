package web

import "lantai.dev/lantai/internal/auth"

// Module is a department's area of the staff client, shown on the home page
// to those whose roles hold any of its permissions.
type Module struct {
	Code  string
	Perms []auth.Permission
	// Path is the module's page; modules whose capability has not landed
	// yet lead to a page that says so.
	Path string
}

// Modules lists the staff client's areas in the order of the home page.
var Modules = []Module{
	{"catalog", []auth.Permission{auth.PermCatalogView, auth.PermCatalogEdit}, "/staff/catalog"},
	{"acquisitions", []auth.Permission{auth.PermAcqView, auth.PermAcqOrder}, ""},
	{"circulation", []auth.Permission{auth.PermCircCheckout, auth.PermCircCheckin, auth.PermCircRenew, auth.PermCircReaders, auth.PermCircFees, auth.PermCircRules}, ""},
	{"serials", []auth.Permission{auth.PermSerialsView, auth.PermSerialsCheckin}, ""},
	{"stacks", []auth.Permission{auth.PermStacksReceive, auth.PermStacksInventory}, "/staff/stacks/batches"},
	{"opac", []auth.Permission{auth.PermOPACManage}, "/staff/opac/lists"},
	{"reference", []auth.Permission{auth.PermReferenceQuestions, auth.PermReferenceServices}, ""},
	{"reading_rooms", []auth.Permission{auth.PermReadingRoomEntry, auth.PermReadingRoomVisitors}, ""},
	{"e_reading", []auth.Permission{auth.PermEReadingSessions}, ""},
	{"special", []auth.Permission{auth.PermSpecialManage, auth.PermSpecialRegister}, ""},
	{"office", []auth.Permission{auth.PermOfficeManage}, ""},
	{"security", []auth.Permission{auth.PermSecurityManage}, ""},
	{"reports", []auth.Permission{auth.PermReportsView}, ""},
	{"accounts", []auth.Permission{auth.PermStaffManage}, "/staff/accounts"},
	{"roles", []auth.Permission{auth.PermRolesManage}, "/staff/roles"},
	{"audit", []auth.Permission{auth.PermAuditView}, "/staff/audit"},
	{"system", []auth.Permission{auth.PermSIP2Manage, auth.PermSystemSettings, auth.PermSystemBackup}, ""},
}

// allowedModules returns the modules actor may use.
func allowedModules(a auth.Actor) []Module {
	var out []Module
	for _, m := range Modules {
		if a.CanAny(m.Perms...) {
			if m.Path == "" {
				m.Path = "/staff/modules/" + m.Code
			}
			out = append(out, m)
		}
	}
	return out
}

func moduleByCode(code string) (Module, bool) {
	for _, m := range Modules {
		if m.Code == code {
			return m, true
		}
	}
	return Module{}, false
}
