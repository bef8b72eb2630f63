// Package assets embeds the files the app ships: reference data, fonts and the icon.
package assets
