package auth

import "sort"

// Permission is one fine-grained right, named "area.action".
type Permission string

// The permissions Lantai knows. A role is a set of them that the library
// can edit; the defaults below only seed a new database (and reach a role
// once when an upgrade adds a permission).
const (
	PermCatalogView       Permission = "catalog.view"
	PermCatalogEdit       Permission = "catalog.edit"
	PermCatalogImport     Permission = "catalog.import"
	PermCatalogExport     Permission = "catalog.export"
	PermCatalogItems      Permission = "catalog.items"
	PermCatalogWithdraw   Permission = "catalog.withdraw"
	PermCatalogDistribute Permission = "catalog.distribute"
	PermCatalogLabels     Permission = "catalog.labels"
	PermCatalogAuthority  Permission = "catalog.classification"

	PermAcqView    Permission = "acq.view"
	PermAcqOrder   Permission = "acq.order"
	PermAcqReceive Permission = "acq.receive"
	PermAcqFunds   Permission = "acq.funds"

	PermCircCheckout Permission = "circ.checkout"
	PermCircCheckin  Permission = "circ.checkin"
	PermCircRenew    Permission = "circ.renew"
	PermCircHolds    Permission = "circ.holds"
	PermCircOverride Permission = "circ.override"
	PermCircReaders  Permission = "circ.readers"
	PermCircFees     Permission = "circ.fees"
	PermCircWaive    Permission = "circ.fees.waive"
	PermCircRules    Permission = "circ.rules"

	PermSerialsView    Permission = "serials.view"
	PermSerialsCheckin Permission = "serials.checkin"
	PermSerialsManage  Permission = "serials.manage"

	PermStacksReceive   Permission = "stacks.receive"
	PermStacksInventory Permission = "stacks.inventory"
	PermStacksTransfer  Permission = "stacks.transfer"

	PermOPACManage Permission = "opac.manage"

	PermReferenceQuestions Permission = "reference.questions"
	PermReferenceServices  Permission = "reference.services"

	PermReadingRoomEntry    Permission = "readingroom.entry"
	PermReadingRoomVisitors Permission = "readingroom.visitors"
	PermEReadingSessions    Permission = "ereading.sessions"

	PermSpecialManage   Permission = "special.manage"
	PermSpecialRegister Permission = "special.register"

	PermOfficeManage   Permission = "office.manage"
	PermSecurityManage Permission = "security.manage"
	PermReportsView    Permission = "reports.view"

	PermStaffManage    Permission = "staff.manage"
	PermRolesManage    Permission = "roles.manage"
	PermAuditView      Permission = "audit.view"
	PermSystemSettings Permission = "system.settings"
	PermSystemBackup   Permission = "system.backup"
	PermSIP2Manage     Permission = "sip2.manage"
)

// AllPermissions lists every permission in a stable order (the order of the
// permission screens).
var AllPermissions = []Permission{
	PermCatalogView, PermCatalogEdit, PermCatalogImport, PermCatalogExport, PermCatalogItems,
	PermCatalogWithdraw, PermCatalogDistribute, PermCatalogLabels, PermCatalogAuthority,
	PermAcqView, PermAcqOrder, PermAcqReceive, PermAcqFunds,
	PermCircCheckout, PermCircCheckin, PermCircRenew, PermCircHolds, PermCircOverride,
	PermCircReaders, PermCircFees, PermCircWaive, PermCircRules,
	PermSerialsView, PermSerialsCheckin, PermSerialsManage,
	PermStacksReceive, PermStacksInventory, PermStacksTransfer,
	PermOPACManage,
	PermReferenceQuestions, PermReferenceServices,
	PermReadingRoomEntry, PermReadingRoomVisitors, PermEReadingSessions,
	PermSpecialManage, PermSpecialRegister,
	PermOfficeManage, PermSecurityManage, PermReportsView,
	PermStaffManage, PermRolesManage, PermAuditView, PermSystemSettings, PermSystemBackup, PermSIP2Manage,
}

// KnownPermission reports whether p is one of AllPermissions.
func KnownPermission(p Permission) bool {
	for _, q := range AllPermissions {
		if q == p {
			return true
		}
	}
	return false
}

// RoleDef describes a built-in role: a post from the seeds.
type RoleDef struct {
	Code   string
	NameZH string
	NameEN string
	Perms  []Permission
}

// The built-in roles: one per post in the seeds' libraries.
const (
	RoleDirector    = "director"
	RoleOffice      = "office"
	RoleAcquisition = "acquisitions"
	RoleCataloguer  = "cataloguer"
	RoleCirculation = "circulation"
	RoleSerials     = "serials"
	RoleReadingRoom = "reading_room"
	RoleEReading    = "e_reading_room"
	RoleReference   = "reference"
	RoleSpecial     = "special_collections"
	RoleSystems     = "systems"
	RoleSecurity    = "security"
)

// BuiltinRoles are seeded into a new database with these default permissions.
var BuiltinRoles = []RoleDef{
	{RoleDirector, "馆长", "Director", []Permission{
		PermCatalogView, PermAcqView, PermSerialsView, PermReportsView, PermAuditView,
		PermCircOverride, PermCircWaive, PermCircRules, PermAcqFunds, PermOfficeManage}},
	{RoleOffice, "办公室", "Office", []Permission{PermOfficeManage, PermReportsView, PermCatalogView}},
	{RoleAcquisition, "采访", "Acquisitions", []Permission{
		PermAcqView, PermAcqOrder, PermAcqReceive, PermAcqFunds, PermCatalogView, PermCatalogImport}},
	{RoleCataloguer, "编目", "Cataloguing", []Permission{
		PermCatalogView, PermCatalogEdit, PermCatalogImport, PermCatalogExport, PermCatalogItems,
		PermCatalogWithdraw, PermCatalogDistribute, PermCatalogLabels, PermCatalogAuthority,
		PermAcqView, PermOPACManage}},
	{RoleCirculation, "流通", "Circulation desk", []Permission{
		PermCatalogView, PermCircCheckout, PermCircCheckin, PermCircRenew, PermCircHolds,
		PermCircReaders, PermCircFees, PermStacksReceive, PermStacksInventory, PermStacksTransfer}},
	{RoleSerials, "期刊", "Serials", []Permission{
		PermCatalogView, PermSerialsView, PermSerialsCheckin, PermSerialsManage}},
	{RoleReadingRoom, "阅览室", "Reading room", []Permission{
		PermCatalogView, PermReadingRoomEntry, PermReadingRoomVisitors, PermCircCheckin, PermStacksInventory}},
	{RoleEReading, "电子阅览室", "E-reading room", []Permission{PermEReadingSessions, PermReadingRoomVisitors}},
	{RoleReference, "参考咨询", "Reference", []Permission{
		PermCatalogView, PermReferenceQuestions, PermReferenceServices, PermOPACManage}},
	{RoleSpecial, "特藏", "Special collections", []Permission{
		PermCatalogView, PermCatalogEdit, PermCatalogItems, PermSpecialManage, PermSpecialRegister}},
	{RoleSystems, "技术", "Systems", []Permission{
		PermStaffManage, PermRolesManage, PermAuditView, PermSystemSettings, PermSystemBackup, PermSIP2Manage}},
	{RoleSecurity, "保卫", "Security", []Permission{PermSecurityManage}},
}

// defaultRolesOf returns the codes of the built-in roles that hold p by default.
func defaultRolesOf(p Permission) []string {
	var out []string
	for _, r := range BuiltinRoles {
		for _, q := range r.Perms {
			if q == p {
				out = append(out, r.Code)
			}
		}
	}
	sort.Strings(out)
	return out
}

// PermSet is a set of permissions.
type PermSet map[Permission]bool

// Sorted lists the set in AllPermissions order.
func (s PermSet) Sorted() []Permission {
	var out []Permission
	for _, p := range AllPermissions {
		if s[p] {
			out = append(out, p)
		}
	}
	return out
}
