module goltools/goapi

go 1.24
