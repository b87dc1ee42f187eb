module goltools/gotypes

go 1.24
