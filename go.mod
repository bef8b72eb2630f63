module github.com/shanhaifield/shanhai

go 1.26.8

require (
	fyne.io/fyne/v2 v2.8.1 // indirect
	github.com/go-resty/resty/v2 v2.17.2 // indirect
	github.com/mozillazg/go-pinyin v0.21.0 // indirect
	github.com/oklog/ulid/v2 v2.1.2 // indirect
	go.etcd.io/bbolt v1.5.0 // indirect
	golang.org/x/net v0.43.0 // indirect
	golang.org/x/sys v0.45.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)
