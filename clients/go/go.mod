// A program using the Go client that `make spec-clients` generates from the spec with
// openapi-generator into build/spec-clients/go (standard library only: it builds offline).
module convilyn.local/spec-smoke

go 1.19

require github.com/convilyn/convilyn-go v0.0.0

replace github.com/convilyn/convilyn-go => ../../build/spec-clients/go
