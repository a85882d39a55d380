package sip2

// Login (93) is the first message of a machine: its account in the ILS.
type Login struct {
	Meta
	UIDAlgorithm  string `sip2:"fixed,1,fill=0" name:"UID algorithm"` // "0": the user id is not encrypted
	PWDAlgorithm  string `sip2:"fixed,1,fill=0" name:"PWD algorithm"` // "0": the password is not encrypted
	LoginUserID   string `sip2:"CN,required" name:"login user id"`
	LoginPassword string `sip2:"CO,required" name:"login password"`
	LocationCode  string `sip2:"CP" name:"location code"`
}

// Code returns "93".
func (*Login) Code() string { return "93" }

// Name returns "login".
func (*Login) Name() string { return "login" }

// LoginResponse (94) answers a Login.
type LoginResponse struct {
	Meta
	OK bool `sip2:"fixed,01" name:"ok"`
}

// Code returns "94".
func (*LoginResponse) Code() string { return "94" }

// Name returns "login response".
func (*LoginResponse) Name() string { return "login response" }
