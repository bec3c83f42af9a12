package searchbench

// Usage is the help of the bench command, printed by "carnet bench --help".
const Usage = usage
