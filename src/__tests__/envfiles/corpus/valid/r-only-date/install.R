install.packages("data.table")
