install.packages(c("tidyverse", "here", "janitor"))
remotes::install_github("allisonhorst/palmerpenguins")
