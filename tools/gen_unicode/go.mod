module goltools/gen_unicode

go 1.24
