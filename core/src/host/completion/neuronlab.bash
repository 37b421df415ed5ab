# Bash completion for neuronlab. The program itself says what fits each word
# ('neuronlab __complete WORD... CURRENT'), from the tables that parse its command line:
# subcommands, options, lesson numbers and names, plugin names, and which files to offer.
_neuronlab() {
  local current=${COMP_WORDS[COMP_CWORD]} line extensions file
  local -a answer
  COMPREPLY=()
  mapfile -t answer < <("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
  for line in "${answer[@]}"; do
    case $line in
      ":folders")
        compopt -o filenames 2>/dev/null
        mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -d -- "$current")
        ;;
      ":files"*)
        compopt -o filenames 2>/dev/null
        extensions=${line#:files}
        extensions=${extensions# }
        while IFS= read -r file; do
          if [[ -d $file || -z $extensions || ",$extensions," == *",${file##*.},"* ]]; then
            COMPREPLY+=("$file")
          fi
        done < <(compgen -f -- "$current")
        ;;
      *) COMPREPLY+=("$line") ;;
    esac
  done
}
complete -F _neuronlab neuronlab
